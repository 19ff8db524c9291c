import Foundation
import SessionsAPI

/// A JSON value as the admin routes read and write it. Decoding keeps the JSON type
/// (`1` is not `true`, `"1"` is not `1`) so a wrong type can be reported by field name.
enum AdminJSON: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([AdminJSON])
    case object([String: AdminJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AdminJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AdminJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The JSON type's name, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Parses a request body. Empty bodies and non-JSON text are errors naming `body`.
    static func parse(_ bytes: [UInt8]) throws(AdminInputError) -> AdminJSON {
        guard !bytes.isEmpty else {
            throw AdminInputError(field: "body", "the request body is empty; send JSON")
        }
        do {
            return try JSONDecoder().decode(AdminJSON.self, from: Data(bytes))
        } catch {
            throw AdminInputError(field: "body", "the request body is not valid JSON")
        }
    }

    /// Compact JSON text with sorted keys.
    var serialized: String {
        String(decoding: WireJSON.encode(self), as: UTF8.self)
    }
}

/// Bad admin input (a body, a header, a fixtures file): which field, and what is wrong with
/// it. Answered as 400 by the admin routes.
public struct AdminInputError: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Typed reads of an admin JSON object that name the field on failure.
struct AdminFields {
    let object: [String: AdminJSON]

    init(_ value: AdminJSON, name: String = "body") throws(AdminInputError) {
        guard case .object(let object) = value else {
            throw AdminInputError(field: name, "must be a JSON object, not \(value.typeName)")
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
        case let other?: throw AdminInputError(field: key, "must be a string, not \(other.typeName)")
        }
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(AdminInputError) -> Int? {
        switch object[key] {
        case nil, .null?: return nil
        case .int(let value)?:
            guard range.contains(value) else {
                throw AdminInputError(
                    field: key, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
            }
            return value
        case let other?: throw AdminInputError(field: key, "must be an integer, not \(other.typeName)")
        }
    }

    func bool(_ key: String) throws(AdminInputError) -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let other?: throw AdminInputError(field: key, "must be true or false, not \(other.typeName)")
        }
    }
}
