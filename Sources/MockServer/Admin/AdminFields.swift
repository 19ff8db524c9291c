import JSONSchema

/// Reads an admin request body (or fixtures file) as JSON; empty bodies and anything that
/// is not one strict JSON text are errors naming `body`.
enum AdminBody {
    static func parse(_ bytes: [UInt8]) throws(AdminInputError) -> JSONValue {
        guard !bytes.isEmpty else {
            throw AdminInputError(field: "body", "the request body is empty; send JSON")
        }
        guard let value = JSONValue.strictBody(bytes) else {
            throw AdminInputError(field: "body", "the request body is not valid JSON")
        }
        return value
    }
}

/// Typed reads of an admin JSON object that name the field on failure. The JSON type is
/// kept (`1` is not `true`, `"1"` is not `1`) so a wrong type is reported by field name.
struct AdminFields {
    let object: JSONObject

    init(_ value: JSONValue, name: String = "body") throws(AdminInputError) {
        guard case .object(let object) = value else {
            throw AdminInputError(field: name, "must be a JSON object, not \(value.kindName)")
        }
        self.object = object
    }

    /// Fails on any key outside `allowed`, so a misspelt option is not silently ignored.
    func rejectUnknown(allowed: Set<String>) throws(AdminInputError) {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw AdminInputError(
                field: unknown,
                "is not a known field; expected one of \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ key: String) throws(AdminInputError) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let other?: throw AdminInputError(field: key, "must be a string, not \(other.kindName)")
        }
    }

    /// An integer; `2.0` reads as 2, as JSON does not tell the two apart.
    func int(_ key: String, in range: ClosedRange<Int>) throws(AdminInputError) -> Int? {
        switch object[key] {
        case nil, .null?: return nil
        case let number? where number.intValue != nil:
            let value = number.intValue ?? 0
            guard range.contains(value) else {
                throw AdminInputError(
                    field: key, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
            }
            return value
        case let other?: throw AdminInputError(field: key, "must be an integer, not \(other.kindName)")
        }
    }

    func bool(_ key: String) throws(AdminInputError) -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let other?: throw AdminInputError(field: key, "must be true or false, not \(other.kindName)")
        }
    }
}
