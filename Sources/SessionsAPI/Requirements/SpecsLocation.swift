import Foundation

/// Where this package's `Specs/` folder lives, found from this source file's path so that tests
/// and the runner work from any current directory.
public enum SpecsLocation {
    /// `<package>/Specs/`, i.e. this file's `../../../../Specs`.
    public static var defaultDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Requirements/
            .deletingLastPathComponent()  // SessionsAPI/
            .deletingLastPathComponent()  // Sources/
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("Specs", isDirectory: true)
    }

    /// `Specs/requirements.json`.
    public static var requirementsFile: URL {
        defaultDirectory.appendingPathComponent("requirements.json")
    }

    /// `Specs/<api>/openapi.json`.
    public static func openAPIDocument(for api: RequirementAPI) -> URL {
        defaultDirectory.appendingPathComponent(api.rawValue, isDirectory: true)
            .appendingPathComponent("openapi.json")
    }
}
