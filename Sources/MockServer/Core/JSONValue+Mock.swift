import JSONSchema

extension JSONValue {
    /// The JSON type's name in the mock's error messages. JSON has one number type, so `1`
    /// and `1.5` both read "number" (unlike `typeName`, which follows JSON Schema).
    var kindName: String {
        switch self {
        case .int, .double: return "number"
        default: return typeName
        }
    }

    /// Parses a request body strictly (RFC 8259: no trailing commas, no duplicate keys,
    /// nesting bounded), or nil when it is not one JSON text.
    static func strictBody(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONValue.parse(bytes)
    }
}
