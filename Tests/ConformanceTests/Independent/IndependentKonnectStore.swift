import JSONSchema

/// The Konnect half's state, one actor so each change is seen whole.
actor IndependentKonnectStore {
    struct Message: Sendable {
        var id: String
        var role: String
        var content: String
        var modelsUsed: [String]?
        var createdAt: Int64
    }

    struct Session: Sendable {
        var id: String
        var owner: String
        var title: String
        var mode: String
        var metadata = JSONObject()
        var createdAt: Int64
        var updatedAt: Int64
        var messages: [Message] = []
        /// Set only by the `deletedStillListed` breakage, which keeps a deleted row around.
        var deleted = false
    }

    let breakage: IndependentBreakage
    private var sessions: [String: Session] = [:]
    private var messageCounter = 0

    init(breakage: IndependentBreakage) {
        self.breakage = breakage
    }

    /// The session, if it exists and belongs to `owner`.
    func session(_ id: String, owner: String) -> Session? {
        guard let session = sessions[id], session.owner == owner, !session.deleted else { return nil }
        return session
    }

    // Differs: the mock breaks created_at ties by putting the later-created session first vs
    // we break them by id, descending; the seed allows it because it states no order at all.
    /// The owner's sessions, newest first.
    func list(owner: String) -> [Session] {
        sessions.values.filter { $0.owner == owner && (!$0.deleted || breakage == .deletedStillListed) }
            .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// Starts a session with one turn, or appends a turn to an existing one (nil when it is
    /// not the owner's).
    func chat(
        sessionID: String?, owner: String, title: String, mode: String, user: String, reply: String,
        models: [String]
    ) -> (Session, Message)? {
        let now = IndependentTime.nowMillis()
        var session: Session
        if let sessionID {
            guard let existing = self.session(sessionID, owner: owner) else { return nil }
            session = existing
            // Differs: the mock applies a turn's mode to that turn only vs we make it the
            // session's mode from then on; the seed allows it because it shows a session's
            // mode but not how a later chat's mode affects it.
            session.mode = mode
        } else {
            session = Session(
                id: Self.newSessionID(), owner: owner, title: title, mode: mode, createdAt: now,
                updatedAt: now)
        }
        let stamp = max(now, session.updatedAt + 1)
        session.messages.append(Message(id: nextMessageID(), role: "user", content: user, createdAt: stamp))
        let answer = Message(
            id: nextMessageID(), role: "assistant", content: reply, modelsUsed: models, createdAt: stamp)
        session.messages.append(answer)
        session.updatedAt = stamp
        sessions[session.id] = session
        return (session, answer)
    }

    /// Applies a title and metadata change; nil when the session is not the owner's.
    func patch(_ id: String, owner: String, title: String?, metadata: JSONObject) -> Session? {
        guard var session = session(id, owner: owner) else { return nil }
        if let title { session.title = title }
        // Merged key by key; a null value removes the key (JSON merge patch, RFC 7396).
        for (key, value) in metadata {
            session.metadata[key] = value.isNull ? nil : value
        }
        if breakage != .patchKeepsUpdatedAt {
            // Strictly later, even within one millisecond of the last change.
            session.updatedAt = max(IndependentTime.nowMillis(), session.updatedAt + 1)
        }
        sessions[id] = session
        return session
    }

    /// Removes the session for good; nil when it is not the owner's.
    func delete(_ id: String, owner: String) -> Session? {
        guard var session = session(id, owner: owner) else { return nil }
        if breakage == .deletedStillListed {
            session.deleted = true
            sessions[id] = session
        } else {
            sessions[id] = nil
        }
        return session
    }

    // Differs: the mock's message ids are `msg_` plus 24 base62 characters vs ours are `msg_`
    // plus a zero-padded counter, like the seed's msg_001; the seed allows it because its
    // ids are examples.
    private func nextMessageID() -> String {
        messageCounter += 1
        let digits = String(messageCounter)
        return "msg_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // Differs: the mock's session ids are `sess_` plus 24 base62 characters vs ours are
    // `sess_` plus 32 lowercase hex digits (128 random bits); the seed allows it because
    // sess_abc123 is only an example.
    private static func newSessionID() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef")
        return "sess_" + String((0..<32).map { _ in hex[Int(generator.next() & 15)] })
    }
}
