import Foundation
import HTTPServer
import JSONSchema

/// The top-level object of a JSON request body, member by member.
struct KonnectJSONBody: Sendable {
    var fields: JSONObject

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
        // Strict RFC 8259: no trailing commas, no duplicate keys, nesting bounded.
        guard let document = JSONValue.strictBody(request.body) else {
            throw .badRequest("Request body is not valid JSON")
        }
        guard case .object(let fields) = document else {
            throw .badRequest("Request body must be a JSON object")
        }
        return KonnectJSONBody(fields: fields)
    }

    /// `application/json` or any `+json` type, parameters ignored (RFC 6838 §4.2.8).
    static func isJSONMediaType(_ value: String) -> Bool {
        let mediaType =
            value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let essence = mediaType.trimmingSpaces().lowercased()
        return essence == "application/json"
            || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }

    /// A required non-empty string; `param` is named in the error. `allowBlank` accepts one
    /// made only of whitespace (a chat message may be; a title may not).
    func requiredString(_ name: String, allowBlank: Bool = false) throws(KonnectAPIError) -> String {
        guard let field = fields[name], field != .null else {
            throw .badRequest("'\(name)' is required", param: name)
        }
        guard case .string(let text) = field else {
            throw .badRequest("'\(name)' must be a string, not \(Self.kind(of: field))", param: name)
        }
        guard !text.isEmpty, allowBlank || !text.allSatisfy(\.isWhitespace) else {
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
        default: throw .badRequest("'\(name)' must be a string, not \(Self.kind(of: field))", param: name)
        }
    }

    private static func kind(of field: JSONValue) -> String {
        switch field {
        case .string: return "a string"
        case .null: return "null"
        case .array, .object: return "an \(field.kindName)"
        default: return "a \(field.kindName)"
        }
    }
}
