import Foundation
import HTTPServer
import JSONSchema

/// `POST /v1/chat`: starts a session or continues one, and answers with the reply.
extension IndependentKonnect {
    // Differs: the mock knows four modes (smart_chat, ensemble, debate, council) vs we know
    // the two the seed shows; the seed allows it because it names no other mode.
    static let modes = ["smart_chat", "ensemble"]

    // Differs: the mock uses one model in smart_chat and two to five in ensemble vs we
    // report our router as the one model of smart_chat and always three in ensemble; the
    // seed allows it because it shows one ensemble reply with two models and defines no count.
    static func models(for mode: String) -> [String] {
        mode == "ensemble" ? ["gpt-4o", "claude-3-opus", "gemini-1.5-pro"] : ["konnect-router"]
    }

    // Differs: the mock titles a new session with the first message, whitespace collapsed,
    // cut to 60 characters plus "…" vs we trim it and keep its first 40 characters with no
    // ellipsis ("New conversation" when blank); the seed allows it because it shows titles
    // but not how a chat-created session gets one.
    static func title(from message: String) -> String {
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return "New conversation" }
        return String(trimmed.prefix(40)).replacingOccurrences(of: "\n", with: " ")
    }

    func chat(_ request: HTTPRequest, _ owner: String) async -> HTTPResponse {
        let fields: JSONObject
        switch IndependentHTTP.body(of: request) {
        case .malformed(let reason):
            return Self.error(400, "invalid_request_error", "the body is not JSON: \(reason)")
        case .value(.object(let object)): fields = object
        case .empty, .value: return Self.invalid("message", "send a JSON object with a message")
        }
        guard case .string(let message)? = fields["message"], !message.isEmpty else {
            return Self.invalid("message", "message is required and must be a non-empty string")
        }
        var sessionID: String?
        switch fields["session_id"] {
        case nil, .null?: break
        case .string(let id)?: sessionID = id
        default: return Self.invalid("session_id", "session_id must be a string")
        }
        var requestedMode: String?
        switch fields["mode"] {
        case nil, .null?: break
        case .string(let mode)? where Self.modes.contains(mode): requestedMode = mode
        default: return Self.invalid("mode", "mode must be one of " + Self.modes.joined(separator: ", "))
        }
        var mode = requestedMode ?? "smart_chat"
        var turn = 0
        var earlier: String?
        if let sessionID {
            // A chat naming a session that is not this key's is refused, never started anew.
            guard let existing = await store.session(sessionID, owner: owner) else {
                return Self.notFound(sessionID)
            }
            mode = requestedMode ?? existing.mode
            turn = existing.messages.count
            earlier = existing.messages.first?.content
        }
        // The earlier messages are the reply's context: it recalls how the conversation began.
        var reply = IndependentReply.text(prompt: message, turn: turn, salt: sessionID ?? "new")
        if let earlier {
            let opening = earlier.split(whereSeparator: { $0.isWhitespace }).prefix(4).joined(separator: " ")
            reply = "Picking up from \"\(opening)\": " + reply
        }
        let models = Self.models(for: mode)
        guard
            let (session, answer) = await store.chat(
                sessionID: sessionID, owner: owner, title: Self.title(from: message), mode: mode,
                user: message,
                reply: reply, models: models)
        else { return Self.notFound(sessionID ?? "") }
        // Differs: the mock's reply object is "chat.message" vs ours is "chat.response"; the
        // seed allows it because it does not show the chat answer at all.
        return IndependentHTTP.json(
            200,
            IndependentHTTP.object([
                ("id", .string(answer.id)), ("object", "chat.response"), ("session_id", .string(session.id)),
                ("role", "assistant"), ("content", .string(answer.content)), ("mode", .string(mode)),
                ("models_used", .array(models.map(JSONValue.string))),
                ("created_at", .string(IndependentTime.format(answer.createdAt))),
            ]))
    }
}
