/// One way an instance fails a schema.
public struct SchemaValidationError: Sendable, Equatable, CustomStringConvertible {
    /// The JSON pointer of the failing value inside the instance ("" for the whole instance).
    public var instancePath: String
    /// The JSON pointer of the failing keyword inside the schema document, e.g.
    /// `/components/schemas/Session/properties/id/type`.
    public var schemaPath: String
    /// What is wrong, in plain words.
    public var message: String

    /// Creates an error.
    public init(instancePath: String, schemaPath: String, message: String) {
        self.instancePath = instancePath
        self.schemaPath = schemaPath
        self.message = message
    }

    public var description: String {
        "\(instancePath.isEmpty ? "(root)" : instancePath): \(message) [schema \(schemaPath)]"
    }
}
