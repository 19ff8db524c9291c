/// The keyword vocabulary and the checks on keyword values shared by the validator and the
/// `checkSupported` walker.
enum SchemaKeywords {
    /// Keywords that carry no assertion: accepted and ignored.
    static let annotations: Set<String> = [
        "title", "description", "examples", "example", "default", "deprecated", "readOnly",
        "writeOnly", "$comment", "$schema", "$id", "$defs", "discriminator", "externalDocs", "xml",
        "contentMediaType", "contentEncoding",
    ]

    /// The JSON Schema type names.
    static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]

    static func isAnnotation(_ keyword: String) -> Bool {
        annotations.contains(keyword) || keyword.hasPrefix("x-")
    }

    static func invalid(_ path: String, _ reason: String) -> JSONSchemaError {
        .invalidSchema(path, reason)
    }

    /// The type names of a `type` keyword (a name or a non-empty array of names).
    static func typeList(_ value: JSONValue, at path: String) throws -> [String] {
        let names: [JSONValue]
        switch value {
        case .string: names = [value]
        case .array(let elements) where !elements.isEmpty: names = elements
        default: throw invalid(path, "type must be a type name or a non-empty array of them")
        }
        return try names.map { name in
            guard let text = name.stringValue, typeNames.contains(text) else {
                throw invalid(path, "unknown type \(name.serialized())")
            }
            return text
        }
    }

    static func nonNegativeInteger(_ value: JSONValue, at path: String) throws -> Int {
        guard let number = value.intValue, number >= 0 else {
            throw invalid(path, "expected a non-negative integer, got \(value.serialized())")
        }
        return number
    }

    static func number(_ value: JSONValue, at path: String) throws -> JSONValue {
        guard value.isNumber else { throw invalid(path, "expected a number, got \(value.serialized())") }
        return value
    }

    static func schemaArray(_ value: JSONValue, at path: String) throws -> [JSONValue] {
        guard let elements = value.arrayValue, !elements.isEmpty else {
            throw invalid(path, "expected a non-empty array of schemas")
        }
        return elements
    }

    static func schemaMap(_ value: JSONValue, at path: String) throws -> JSONObject {
        guard let object = value.objectValue else { throw invalid(path, "expected an object of schemas") }
        return object
    }

    static func stringList(_ value: JSONValue, at path: String) throws -> [String] {
        guard let elements = value.arrayValue else { throw invalid(path, "expected an array of strings") }
        return try elements.map { element in
            guard let text = element.stringValue else { throw invalid(path, "expected an array of strings") }
            return text
        }
    }

    static func string(_ value: JSONValue, at path: String) throws -> String {
        guard let text = value.stringValue else { throw invalid(path, "expected a string") }
        return text
    }

    static func bool(_ value: JSONValue, at path: String) throws -> Bool {
        guard let flag = value.boolValue else { throw invalid(path, "expected a boolean") }
        return flag
    }

    /// Checks a subschema position holds a schema (an object or a boolean).
    static func schema(_ value: JSONValue, at path: String) throws {
        switch value {
        case .object, .bool: return
        default: throw invalid(path, "expected a schema (an object or a boolean)")
        }
    }

    /// Compares two numbers exactly when both are integers, as doubles otherwise.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int {
        if case .int(let a) = lhs, case .int(let b) = rhs { return a < b ? -1 : (a > b ? 1 : 0) }
        let a = lhs.doubleValue ?? 0
        let b = rhs.doubleValue ?? 0
        return a < b ? -1 : (a > b ? 1 : 0)
    }

    /// A short rendering of a value for messages.
    static func describe(_ value: JSONValue) -> String {
        let text = value.serialized()
        return text.unicodeScalars.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
