import Foundation
import HTTPServer

/// One member of a request body's top-level object, as far as the Konnect routes need to
/// know it: a string, or the kind of the value that is not one (to name it in the error).
/// Nested values are not descended into, so deep nesting costs no recursion of ours.
enum KonnectJSONField: Decodable, Sendable, Equatable {
    case string(String)
    case null
    case other(kind: String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if (try? container.decode(Bool.self)) != nil {
            self = .other(kind: "boolean")
        } else if (try? container.decode(Double.self)) != nil {
            self = .other(kind: "number")
        } else if (try? decoder.unkeyedContainer()) != nil {
            self = .other(kind: "array")
        } else {
            self = .other(kind: "object")
        }
    }
}

/// The top-level object of a JSON request body, member by member.
struct KonnectJSONBody: Sendable {
    var fields: [String: KonnectJSONField]

    /// Checks the body's media type and syntax; its size was checked before authentication,
    /// as the HTTP layer would.
    static func read(_ request: HTTPRequest) throws(KonnectAPIError) -> KonnectJSONBody {
        if let contentType = request.headers["Content-Type"], !isJSONMediaType(contentType) {
            throw KonnectAPIError(
                status: 415, message: "Content-Type must be application/json, not '\(contentType)'")
        }
        guard !request.body.isEmpty else {
            throw .badRequest("Request body is empty; send a JSON object")
        }
        guard KonnectJSONSyntax.isValid(request.body) else {
            throw .badRequest("Request body is not valid JSON")
        }
        let document: TopLevel
        do {
            document = try JSONDecoder().decode(TopLevel.self, from: Data(request.body))
        } catch {
            throw .badRequest("Request body is not valid JSON")
        }
        guard let fields = document.fields else {
            throw .badRequest("Request body must be a JSON object")
        }
        return KonnectJSONBody(fields: fields)
    }

    /// `application/json` or any `+json` type, parameters ignored (RFC 6838 §4.2.8).
    static func isJSONMediaType(_ value: String) -> Bool {
        let mediaType =
            value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let essence = mediaType.trimmingCharacters(in: .whitespaces).lowercased()
        return essence == "application/json"
            || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }

    /// A required non-empty string; `param` is named in the error.
    func requiredString(_ name: String, allowBlank: Bool = false) throws(KonnectAPIError) -> String {
        guard let field = fields[name], field != .null else {
            throw .badRequest("'\(name)' is required", param: name)
        }
        guard case .string(let text) = field else {
            throw .badRequest("'\(name)' must be a string, not \(Self.kind(of: field))", param: name)
        }
        guard allowBlank || !text.allSatisfy(\.isWhitespace) else {
            throw .badRequest("'\(name)' must not be empty", param: name)
        }
        return text
    }

    /// An optional string: absent and `null` both mean not given.
    func optionalString(_ name: String) throws(KonnectAPIError) -> String? {
        guard let field = fields[name] else { return nil }
        switch field {
        case .null: return nil
        case .string(let text): return text
        case .other: throw .badRequest("'\(name)' must be a string, not \(Self.kind(of: field))", param: name)
        }
    }

    private static func kind(of field: KonnectJSONField) -> String {
        switch field {
        case .string: return "a string"
        case .null: return "null"
        case .other(let kind): return kind == "array" || kind == "object" ? "an \(kind)" : "a \(kind)"
        }
    }

    /// Decodes the top level as an object when it is one, and as "not an object" otherwise,
    /// so syntax errors and wrong shapes get different messages.
    private struct TopLevel: Decodable {
        var fields: [String: KonnectJSONField]?

        init(from decoder: any Decoder) throws {
            guard let object = try? decoder.container(keyedBy: AnyKey.self) else {
                fields = nil
                return
            }
            var members: [String: KonnectJSONField] = [:]
            for key in object.allKeys {
                members[key.stringValue] = try object.decode(KonnectJSONField.self, forKey: key)
            }
            fields = members
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
