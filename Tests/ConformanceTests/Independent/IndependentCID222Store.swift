import Foundation

/// The CID222 half's state. An actor, so concurrent requests see each change whole.
actor IndependentCID222Store {
    struct Message: Sendable {
        var role: String
        /// What the user sent (or the model answered): the history GET returns.
        var content: String
        /// What the model is shown of it in later turns, PII replaced.
        var forModel: String
    }

    struct Session: Sendable {
        var id: String
        var tenant: String
        var userID: String?
        var name: String?
        var createdAt: Int64
        var updatedAt: Int64
        var messages: [Message] = []
        var totalTokens = 0
        var totalCost = 0.0
    }

    enum Lookup: Sendable {
        case found(Session)
        case missing
        /// Deleted earlier: only its id and owner are remembered.
        case gone
        /// It exists but belongs to another tenant.
        case forbidden
    }

    private var sessions: [String: Session] = [:]
    // Differs: the mock forgets a deleted session (a later GET answers 404) vs we keep a
    // tombstone of its id and owner so a later request answers 410 Gone; the seed allows it
    // because it says deletion is permanent, which 410 states more precisely, and no content
    // of the session is kept.
    private var tombstones: [String: String] = [:]
    private var lastMillis: Int64 = 0

    /// Wall-clock milliseconds, strictly later than any earlier stamp of this store, so
    /// "most recent first" never meets a tie and `updated_at` always moves.
    private func stamp() -> Int64 {
        lastMillis = max(IndependentTime.nowMillis(), lastMillis + 1)
        return lastMillis
    }

    func create(tenant: String, userID: String?, name: String?) -> Session {
        let now = stamp()
        let session = Session(
            id: Self.newID(millis: now), tenant: tenant, userID: userID, name: name, createdAt: now,
            updatedAt: now)
        sessions[session.id] = session
        return session
    }

    func lookup(_ id: String, tenant: String) -> Lookup {
        let key = id.uppercased()
        if let session = sessions[key] {
            return session.tenant == tenant ? .found(session) : .forbidden
        }
        if let owner = tombstones[key] {
            return owner == tenant ? .gone : .forbidden
        }
        return .missing
    }

    /// The tenant's sessions, most recent first.
    func list(tenant: String) -> [Session] {
        sessions.values.filter { $0.tenant == tenant }.sorted { $0.createdAt > $1.createdAt }
    }

    func delete(_ id: String, tenant: String) -> Lookup {
        let result = lookup(id, tenant: tenant)
        if case .found(let session) = result {
            sessions[session.id] = nil
            tombstones[session.id] = tenant
        }
        return result
    }

    /// Appends a finished turn; refused (with the reason) when the session went away since
    /// the turn was planned.
    func commit(
        _ id: String, tenant: String, user: Message, reply: String, tokens: Int, cost: Double
    ) -> Lookup {
        guard case .found(var session) = lookup(id, tenant: tenant) else { return lookup(id, tenant: tenant) }
        session.messages.append(user)
        session.messages.append(Message(role: "assistant", content: reply, forModel: reply))
        session.totalTokens += tokens
        session.totalCost = IndependentTokens.round8(session.totalCost + cost)
        session.updatedAt = stamp()
        sessions[session.id] = session
        return .found(session)
    }

    // Differs: the mock's ids are lowercase UUID v4 vs ours are ULIDs (26 Crockford base32
    // characters, time first, so they sort by creation); the seed allows it because its one
    // example id is an illustration and no id format is stated.
    private static func newID(millis: Int64) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var id = ""
        var time = UInt64(max(0, millis))
        var timePart: [Character] = []
        for _ in 0..<10 {
            timePart.append(alphabet[Int(time & 31)])
            time >>= 5
        }
        id += String(timePart.reversed())
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<16 { id.append(alphabet[Int(generator.next() & 31)]) }
        return id
    }
}
