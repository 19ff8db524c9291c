import Conformance
import Foundation
import HTTPServer
import MockServer
import SessionsAPI

@testable import SessionsCLI

/// The run `Recordings/regenerate.sh` makes, through the command's own parser and set-up
/// (`PreparedCheck`), so the test and the command cannot differ.
enum GoldenRun {
    /// What `Recordings/regenerate.sh` passes to `sessions check` besides `--record`.
    static let arguments = ["--seed", "42", "--clock", "2026-01-15T10:30:00Z,1"]

    /// `<package>/Recordings`.
    static var recordingsDirectory: URL {
        SpecsLocation.defaultDirectory.deletingLastPathComponent().appendingPathComponent("Recordings")
    }

    /// The settings of `sessions check <arguments> <extra> --record <directory>`; a later
    /// option wins, so `extra` may override the seed.
    static func settings(record directory: URL, extra: [String] = []) throws -> CheckSettings {
        let parsed = try OptionParser.parse(
            arguments + extra + ["--record", directory.path], for: CheckCommand.spec)
        var settings = try CheckCommand.settings(from: parsed, environment: [:])
        // Only bounds a hang: under a loaded machine the suite's parallel runs can starve a
        // request well past the CLI's 30 s default.
        settings.timeout = 120
        return settings
    }

    /// Runs `sessions check <arguments> <extra> --record <directory>` without its console
    /// output; `serving` replaces the built-in mock's handler (e.g. by a replay).
    @discardableResult
    static func record(
        into directory: URL, extra: [String] = [],
        serving: ((MockEnvironment) -> HTTPHandler)? = nil
    ) async throws -> ConformanceReport {
        let settings = try settings(record: directory, extra: extra)
        let prepared =
            if let serving {
                try await PreparedCheck.prepare(settings, serving: serving)
            } else {
                try await PreparedCheck.prepare(settings)
            }
        let report = try await prepared.runner.run()
        await prepared.stop()
        return report
    }

    static func temporaryDirectory(_ label: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    }
}
