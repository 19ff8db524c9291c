import HTTPServer
import JSONSchema
import SessionsAPI

/// Judges what a client sends, before the target answers: a request outside the documents
/// is the client's deviation. The requirement that names it is also one the server must
/// keep (a documented "is required" means the server refuses the request), so the ids found
/// are handed on: `ResponseValidator` then expects a refusal.
struct RequestValidator: Sendable {
    let schemas: [APIKind: JSONSchemaDocument]

    /// The outcome for one request: verdicts (client side) and the ids it broke.
    struct Outcome: Sendable {
        var verdicts = VerdictList()
        var brokenRequirements: [String] = []
    }

    func judge(operation: ProxyOperation, headers: [WireHeader], body: [UInt8]) -> Outcome {
        var outcome = Outcome()
        guard let api = operation.api else { return outcome }
        judgeCredential(api: api, headers: headers, into: &outcome)
        guard let schemaName = operation.requestSchema else { return outcome }
        // An empty create body is allowed (both fields are optional); other bodies must be JSON.
        if body.isEmpty, operation == .cidCreate { return outcome }
        let malformedID = api == .cid222 ? "CID-ERROR-MALFORMED-JSON-400" : "KON-ERROR-MALFORMED-JSON-400"
        let mediaID = api == .cid222 ? "CID-ERROR-MEDIA-TYPE-415" : "KON-ERROR-MEDIA-TYPE-415"
        if let type = headers.first(where: { HTTPHeaders.sameName($0.name, "content-type") })?.value,
            !type.lowercased().contains("json")
        {
            add(
                mediaID, expected: "a JSON body labelled as JSON", actual: "Content-Type \(type)",
                to: &outcome)
            return outcome
        }
        guard let value = try? JSONValue.parse(body) else {
            add(
                malformedID, expected: "a JSON body", actual: "\(body.count) bytes that do not parse",
                to: &outcome)
            return outcome
        }
        outcome.verdicts.pass(malformedID, .client)
        guard let document = schemas[api],
            let errors = try? document.validate(value, schemaAt: "/components/schemas/\(schemaName)")
        else { return outcome }
        var named = Set<String>()
        for error in errors {
            let id = Self.requirement(for: error, operation: operation)
            guard named.insert(id).inserted else { continue }
            add(id, expected: "a valid \(schemaName)", actual: error.description, to: &outcome)
        }
        for id in Self.bodyRequirements(operation) where !named.contains(id) {
            outcome.verdicts.pass(id, .client)
        }
        return outcome
    }

    /// Both APIs need a Bearer credential on every endpoint.
    private func judgeCredential(api: APIKind, headers: [WireHeader], into outcome: inout Outcome) {
        let id = api == .cid222 ? "CID-AUTH-BEARER-JWT" : "KON-AUTH-BEARER"
        let value = headers.first { HTTPHeaders.sameName($0.name, "authorization") }?.value
        if value.map({ $0.lowercased().hasPrefix("bearer ") }) == true {
            outcome.verdicts.pass(id, .client)
        } else {
            let actual =
                value == nil
                ? "no Authorization header" : "Authorization \(CredentialIdentity.masked(value ?? ""))"
            add(id, expected: "a Bearer credential", actual: actual, to: &outcome)
        }
    }

    private func add(_ id: String, expected: String, actual: String, to outcome: inout Outcome) {
        outcome.verdicts.fail(id, .client, expected: expected, actual: actual)
        outcome.brokenRequirements.append(id)
    }

    /// The ids a body check of `operation` judges, for counting passes.
    static func bodyRequirements(_ operation: ProxyOperation) -> [String] {
        switch operation {
        case .cidCreate: return ["CID-VALIDATION-CREATE-TYPES"]
        case .cidSend:
            return [
                "CID-VALIDATION-CONTENT-REQUIRED", "CID-VALIDATION-MODEL-REQUIRED",
                "CID-VALIDATION-PROVIDER-ENUM",
                "CID-VALIDATION-SAMPLING-NUMBERS",
            ]
        case .konnectChat: return ["KON-VALIDATION-MESSAGE-REQUIRED"]
        case .konnectPatch: return ["KON-PATCH-TITLE-MISSING-400"]
        default: return []
        }
    }

    /// The requirement a schema error breaks: the field it concerns, and for sampling fields
    /// whether the type (documented) or only the range (inferred) is wrong.
    static func requirement(for error: SchemaValidationError, operation: ProxyOperation) -> String {
        let field =
            error.instancePath.split(separator: "/").first.map(String.init) ?? missingField(error) ?? ""
        let typeError = error.schemaPath.hasSuffix("/type")
        switch operation {
        case .cidCreate:
            return "CID-VALIDATION-CREATE-TYPES"
        case .cidSend:
            switch field {
            case "model": return "CID-VALIDATION-MODEL-REQUIRED"
            case "provider": return "CID-VALIDATION-PROVIDER-ENUM"
            case "temperature":
                return typeError ? "CID-VALIDATION-SAMPLING-NUMBERS" : "CID-VALIDATION-TEMPERATURE-RANGE"
            case "top_p": return typeError ? "CID-VALIDATION-SAMPLING-NUMBERS" : "CID-VALIDATION-TOP-P-RANGE"
            case "max_tokens":
                // "integer" is the inferred part; a string is not a number at all.
                return error.message.contains("string") || error.message.contains("boolean")
                    ? "CID-VALIDATION-SAMPLING-NUMBERS" : "CID-VALIDATION-MAX-TOKENS-INTEGER"
            case "imageBase64": return "CID-VALIDATION-IMAGE-BASE64"
            case "content" where !error.instancePath.isEmpty: return "CID-VALIDATION-CONTENT-STRING"
            default: return "CID-VALIDATION-CONTENT-REQUIRED"
            }
        case .konnectChat:
            switch field {
            case "session_id": return "KON-VALIDATION-SESSION-ID-TYPE"
            case "mode": return "KON-VALIDATION-MODE-ENUM"
            default: return "KON-VALIDATION-MESSAGE-REQUIRED"
            }
        case .konnectPatch:
            if error.schemaPath.hasSuffix("/additionalProperties")
                || error.schemaPath.contains("additionalProperties")
            {
                return "KON-PATCH-UNKNOWN-FIELD-400"
            }
            if field == "title", error.instancePath.isEmpty { return "KON-PATCH-TITLE-MISSING-400" }
            if field == "title" {
                return typeError ? "KON-PATCH-TITLE-TYPE-400" : "KON-PATCH-TITLE-BLANK-400"
            }
            return "KON-PATCH-TITLE-MISSING-400"
        default:
            return operation.api == .cid222
                ? "CID-VALIDATION-CONTENT-REQUIRED" : "KON-VALIDATION-MESSAGE-REQUIRED"
        }
    }

    /// `content` from `missing required property "content"`.
    private static func missingField(_ error: SchemaValidationError) -> String? {
        let pieces = error.message.split(separator: "\"")
        return error.message.hasPrefix("missing required property") && pieces.count >= 2
            ? String(pieces[1]) : nil
    }
}
