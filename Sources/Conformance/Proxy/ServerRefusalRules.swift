import JSONSchema

/// Rules that read the request to judge the answer: credentials a target must refuse,
/// requests it must serve, and fields it must echo.
enum ServerRefusalRules {
    static func judge(
        _ operation: ProxyOperation, _ request: RequestFacts, status: Int, body: JSONValue?,
        into verdicts: inout VerdictList
    ) {
        guard let api = operation.api else { return }
        let served = (200..<300).contains(status)
        let refused = (400..<500).contains(status)
        if api == .cid222, let id = refusalRequirement(request.credential) {
            verdicts.check(id, !served, expected: "a 4xx for that credential", actual: "status \(status)")
        }
        // A refusal for the caller's credential, an unknown id or rate limiting says nothing
        // about the request's shape.
        let refusedForShape = refused && ![401, 403, 404, 429].contains(status)
        switch operation {
        case .cidCreate:
            if request.brokenByClient.isEmpty, request.body?["session_name"]?.stringValue == nil {
                verdicts.check(
                    "CID-CREATE-FIELDS-OPTIONAL", !refusedForShape,
                    expected: "a session created without session_name",
                    actual: "status \(status)")
            }
            guard served, let body else { return }
            if let name = request.body?["session_name"]?.stringValue {
                verdicts.check(
                    "CID-CREATE-ECHO-FIELDS", body["session_name"]?.stringValue == name,
                    expected: "session_name \"\(name)\"",
                    actual: JSONAccess.brief(body["session_name"] ?? .null))
            }
            verdicts.check(
                "CID-CREATE-MODEL-PER-MESSAGE", body["model"] == nil && body["provider"] == nil,
                expected: "no model or provider on the session", actual: JSONAccess.brief(body))
        case .cidSend:
            guard request.brokenByClient.isEmpty, request.body?["imageBase64"]?.stringValue != nil else {
                return
            }
            verdicts.check(
                "CID-SEND-IMAGE-ACCEPTED", !refusedForShape, expected: "a send with an image answered",
                actual: "status \(status)")
        case .konnectList:
            judgeListParameters(request.query, served: served, status: status, into: &verdicts)
            guard served, let items = body?["data"]?.arrayValue, items.count > 1 else { return }
            let times = items.compactMap { $0["created_at"]?.stringValue.flatMap(Instant.parse) }
            verdicts.check(
                "KON-LIST-ORDER",
                times.count == items.count && zip(times, times.dropFirst()).allSatisfy { $0 >= $1 },
                expected: "newest first by created_at",
                actual: items.compactMap { $0["created_at"]?.stringValue }.prefix(6).joined(separator: ", "))
        case .konnectGet:
            guard served, let messages = body?["messages"]?.arrayValue else { return }
            for (index, message) in messages.enumerated() where message["role"]?.stringValue == "assistant" {
                let models = message["models_used"]?.arrayValue ?? []
                verdicts.check(
                    "KON-GET-MODELS-USED", !models.isEmpty && models.allSatisfy { $0.stringValue != nil },
                    expected: "models_used, a non-empty array of names",
                    actual: "message \(index): \(JSONAccess.brief(message["models_used"] ?? .null))")
            }
        case .konnectChat:
            guard served, let body, request.body?["session_id"] == nil || request.body?["session_id"] == .null
            else { return }
            let asked = request.body?["mode"]?.stringValue ?? "smart_chat"
            if let mode = body["mode"]?.stringValue {
                verdicts.check(
                    "KON-CHAT-DEFAULT-MODE", mode == asked, expected: "mode \(asked)", actual: mode)
            }
        default:
            break
        }
    }

    private static func refusalRequirement(_ credential: RequestFacts.CredentialKind) -> String? {
        switch credential {
        case .tenantAPIKey: return "CID-AUTH-API-KEY-REFUSED"
        case .notAJWT: return "CID-AUTH-MALFORMED-REFUSED"
        case .unsignedJWT: return "CID-AUTH-ALG-NONE-REFUSED"
        case .expiredJWT: return "CID-AUTH-EXPIRED-REFUSED"
        case .none, .other: return nil
        }
    }

    /// `limit` must be 1…100 (above 100 a clamp is allowed too), `offset` a whole number ≥ 0.
    private static func judgeListParameters(
        _ query: [String: String], served: Bool, status: Int, into verdicts: inout VerdictList
    ) {
        if let text = query["limit"] {
            if let limit = Int(text) {
                if limit < 1 {
                    verdicts.check(
                        "KON-LIST-LIMIT-RANGE-400", status == 400, expected: "400 for limit \(limit)",
                        actual: "status \(status)")
                }
            } else {
                verdicts.check(
                    "KON-LIST-LIMIT-INTEGER-400", status == 400, expected: "400 for limit \(text)",
                    actual: "status \(status)")
            }
        }
        if let text = query["offset"], (Int(text).map { $0 < 0 } ?? true) {
            verdicts.check(
                "KON-LIST-OFFSET-INVALID-400", status == 400, expected: "400 for offset \(text)",
                actual: "status \(status)")
        }
    }
}
