import Foundation
import SessionsAPI

/// The section headings of the two seed documents, kept here so the tests do not depend on
/// the seeds being beside the clone; `SeedHeadingsTests` checks them against the seeds when
/// they are.
enum SeedHeadings {
    static let cid222File = "000_0fed3ad71083d61a.txt"
    static let konnectFile = "001_e881a79b0c8c0818.txt"

    static let byFile: [String: Set<String>] = [
        cid222File: [
            "Sessions API", "Sessions use JWT auth", "Create Session", "Request Body", "Response",
            "Send Message", "Streamed like /chat/completions", "Get Session", "List Sessions",
            "Delete Session", "Context Management",
        ],
        konnectFile: [
            "Sessions API", "GET/v1/sessions", "Query Parameters", "Response", "GET/v1/sessions/:id",
            "Path Parameters", "PATCH/v1/sessions/:id", "Request Body", "DELETE/v1/sessions/:id",
            "Using Sessions in Chat",
        ],
    ]

    static func file(for api: RequirementAPI) -> String {
        switch api {
        case .cid222: return cid222File
        case .konnect: return konnectFile
        }
    }

    /// `<repo>/../shared/seeds/`, where CI and the team's checkouts keep the seeds.
    static var seedsDirectory: URL {
        SpecsLocation.defaultDirectory
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/seeds", isDirectory: true)
    }
}
