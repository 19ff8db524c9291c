import JSONSchema

/// Small helpers over `JSONValue` that the runner needs in many places.
enum JSONAccess {
    /// An object's members in document order, or nil for any other value.
    static func entries(of value: JSONValue) -> [(String, JSONValue)]? {
        guard case .object(let object) = value else { return nil }
        return object.map { ($0.key, $0.value) }
    }

    /// An object built from members in order.
    static func object(_ entries: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(entries))
    }

    /// Resolves an RFC 6901 pointer; "" is the whole value.
    static func resolve(_ pointer: String, in value: JSONValue) -> JSONValue? {
        pointer.isEmpty ? value : value.at(pointer: pointer)
    }

    /// The JSON type name of a value, as JSON Schema spells it.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let n): return Double(n)
        case .double(let d): return d
        default: return nil
        }
    }

    /// Short text for messages: long values are cut so a report stays readable.
    static func brief(_ value: JSONValue?, limit: Int = 160) -> String {
        guard let value else { return "(absent)" }
        let text = value.serialized(sortedKeys: true, pretty: false)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
