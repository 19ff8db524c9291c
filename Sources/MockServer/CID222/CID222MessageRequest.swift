import Foundation
import JSONSchema
import SessionsAPI

/// A validated `POST /sessions/:id/messages` body. Unknown fields are ignored; `null` reads
/// as absent; each bad field gets a 400 that names it.
struct CID222MessageRequest: Sendable, Equatable {
    static let providers: Set<String> = ["openai", "azure_openai", "anthropic", "google"]

    var content: String
    var model: CID222Model
    var provider: String?
    var temperature: Double?
    var maxTokens: Int?
    var topP: Double?
    var imageBase64: String?

    /// - Parameter models: which names are served; an unknown one gets the default profile,
    ///   or 400 naming it when the catalog is strict (`--strict-models`).
    init(_ body: JSONObject, models: CID222ModelCatalog = CID222ModelCatalog()) throws(CID222Failure) {
        guard let content = try Self.string(body, "content") else {
            throw .badRequest("content is required", field: "content")
        }
        guard !content.isEmpty else { throw .badRequest("content must not be empty", field: "content") }
        self.content = content
        guard let modelID = try Self.string(body, "model") else {
            throw .badRequest("model is required", field: "model")
        }
        guard let model = models.model(modelID) else {
            let known = models.models.map(\.id).joined(separator: ", ")
            throw .badRequest(
                "Unknown model '\(modelID)' (the mock runs with --strict-models); known models: \(known)",
                field: "model")
        }
        self.model = model
        provider = try Self.string(body, "provider")
        if let provider, !Self.providers.contains(provider) {
            throw .badRequest(
                "provider must be one of openai, azure_openai, anthropic, google, not '\(provider)'",
                field: "provider")
        }
        temperature = try Self.number(body, "temperature", in: 0...2)
        topP = try Self.number(body, "top_p", in: 0...1)
        maxTokens = try Self.positiveInteger(body, "max_tokens")
        imageBase64 = try Self.string(body, "imageBase64")
        if let image = imageBase64, !Self.isValidImage(image) {
            throw .badRequest(
                "imageBase64 must be base64 data, optionally with a data:image/...;base64, prefix",
                field: "imageBase64")
        }
    }

    private static func string(_ body: JSONObject, _ name: String) throws(CID222Failure) -> String? {
        guard let value = body[name], value != .null else { return nil }
        guard case .string(let text) = value else {
            throw .badRequest("\(name) must be a string, not \(value.kindName)", field: name)
        }
        return text
    }

    private static func number(_ body: JSONObject, _ name: String, in range: ClosedRange<Double>)
        throws(CID222Failure) -> Double?
    {
        guard let value = body[name], value != .null else { return nil }
        guard let number = value.doubleValue else {
            throw .badRequest("\(name) must be a number, not \(value.kindName)", field: name)
        }
        guard range.contains(number) else {
            throw .badRequest(
                "\(name) must be between \(Self.plain(range.lowerBound)) and \(Self.plain(range.upperBound))",
                field: name)
        }
        return number
    }

    private static func positiveInteger(_ body: JSONObject, _ name: String) throws(CID222Failure)
        -> Int?
    {
        guard let value = body[name], value != .null else { return nil }
        // `2.0` is the integer 2: JSON has one number type.
        guard let whole = value.intValue else { throw .badRequest("\(name) must be an integer", field: name) }
        guard whole >= 1 else { throw .badRequest("\(name) must be at least 1", field: name) }
        return whole
    }

    private static func plain(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    /// Base64 (RFC 4648 §4, padded) with an optional `data:image/<type>;base64,` prefix;
    /// the data must not be empty.
    static func isValidImage(_ text: String) -> Bool {
        var payload = Substring(text)
        if payload.hasPrefix("data:") {
            guard let comma = payload.firstIndex(of: ",") else { return false }
            let header = payload[payload.startIndex..<comma].lowercased()
            guard header.hasPrefix("data:image/"), header.hasSuffix(";base64") else { return false }
            payload = payload[payload.index(after: comma)...]
        }
        guard !payload.isEmpty, payload.utf8.count % 4 == 0 else { return false }
        return Data(base64Encoded: String(payload)) != nil
    }
}

/// A validated `POST /sessions` body: both fields optional strings, `null` as absent.
struct CID222CreateRequest: Sendable, Equatable {
    var sessionName: String?
    var userID: String?

    init(_ body: JSONObject) throws(CID222Failure) {
        sessionName = try Self.optionalString(body, "session_name")
        userID = try Self.optionalString(body, "user_id")
    }

    private static func optionalString(_ body: JSONObject, _ name: String) throws(CID222Failure)
        -> String?
    {
        guard let value = body[name], value != .null else { return nil }
        guard case .string(let text) = value else {
            throw .badRequest("\(name) must be a string, not \(value.kindName)", field: name)
        }
        return text
    }
}
