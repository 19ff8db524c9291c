import JSONSchema
import SessionsAPI

/// Every `created_at` and `updated_at` of an answer, however deep: an RFC 3339 date-time
/// (documented; fractions and offsets allowed) and, by convention, in UTC with `Z`.
enum TimestampRules {
    static let fieldNames: Set<String> = ["created_at", "updated_at"]

    static func judge(_ body: JSONValue, api: APIKind, into verdicts: inout VerdictList) {
        let formatID = api == .cid222 ? "CID-TIME-FORMAT" : "KON-TIME-FORMAT"
        let zuluID = api == .cid222 ? "CID-TIME-UTC-Z" : "KON-TIME-UTC-Z"
        var bad: String?
        var notZulu: String?
        var seen = 0
        visit(body, depthLeft: 8) { name, value in
            seen += 1
            guard let text = value.stringValue, Instant.parse(text) != nil else {
                if bad == nil { bad = "\(name) \(JSONAccess.brief(value))" }
                return
            }
            if !text.hasSuffix("Z"), notZulu == nil { notZulu = "\(name) \(text)" }
        }
        guard seen > 0 else { return }
        verdicts.check(formatID, bad == nil, expected: "RFC 3339 date-times", actual: bad ?? "")
        verdicts.check(zuluID, notZulu == nil, expected: "UTC times ending in Z", actual: notZulu ?? "")
    }

    /// Calls `found` for each timestamp field; the depth bound keeps a hostile body cheap.
    private static func visit(_ value: JSONValue, depthLeft: Int, _ found: (String, JSONValue) -> Void) {
        guard depthLeft > 0 else { return }
        switch value {
        case .object(let object):
            for (key, member) in object {
                if fieldNames.contains(key) {
                    found(key, member)
                } else {
                    visit(member, depthLeft: depthLeft - 1, found)
                }
            }
        case .array(let items):
            for item in items { visit(item, depthLeft: depthLeft - 1, found) }
        default:
            break
        }
    }
}

/// Konnect ids: sessions `sess_…`, messages `msg_…` (the seed's examples; documented).
enum IDPrefixes {
    static func judge(sessions: [JSONValue], into verdicts: inout VerdictList) {
        for session in sessions {
            if let id = session["id"]?.stringValue {
                verdicts.check("KON-ID-PREFIXES", id.hasPrefix("sess_"), expected: "a sess_ id", actual: id)
            }
            for message in session["messages"]?.arrayValue ?? [] {
                guard let id = message["id"]?.stringValue else { continue }
                verdicts.check("KON-ID-PREFIXES", id.hasPrefix("msg_"), expected: "a msg_ id", actual: id)
            }
        }
    }
}
