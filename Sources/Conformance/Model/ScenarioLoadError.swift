/// A scenario file that cannot be used, with the file and the field at fault.
public struct ScenarioLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// A JSON pointer to the offending field (`/steps/2/expect/0/status`), or "" for the file.
    public var field: String
    public var message: String

    public init(file: String, field: String, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)"
    }
}
