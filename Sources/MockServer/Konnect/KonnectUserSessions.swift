import SessionsAPI

/// Where a turn's ids, times and reply come from.
struct KonnectTurnSources: Sendable {
    var ids: IDGenerator
    var clock: MockClock
    var seed: UInt64
    var replyShape = ReplyShape()
    /// Scripted replies, taken (and counted) only once the turn is sure to happen.
    var replies: ScriptedReplyStore
    var namespace: String
    /// The scripted reply that matches the message, found before the store's lock is taken
    /// (matching a long message is the costly part); the turn only counts its use.
    var scriptedCandidate: ScriptedReply? = nil
}

/// A chat turn that passed validation.
struct KonnectTurn: Sendable, Equatable {
    var message: String
    var sessionID: String?
    var mode: KonnectMode?
}

/// One page of a user's sessions, as the store hands it out; encoded outside the lock.
struct KonnectSessionPage: Sendable {
    var records: [KonnectSessionRecord]
    var hasMore: Bool
    var total: Int

    /// The page as `KonnectSessionList` encodes it (keys sorted), built from each record's
    /// cached summary bytes.
    var json: [UInt8] {
        var out = Array(#"{"data":["#.utf8)
        for (index, record) in records.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: record.summaryJSON)
        }
        out.append(contentsOf: #"],"has_more":\#(hasMore),"object":"list","total":\#(total)}"#.utf8)
        return out
    }
}

/// One API key's sessions in one namespace, and every operation on them. A value type: the
/// store runs each operation under its lock, so an operation is all-or-nothing.
struct KonnectUserSessions: Codable, Sendable, Equatable {
    /// Any change drops the cached list pages; in place, as `didSet` does not read the old value.
    private(set) var sessions: [String: KonnectSessionRecord] = [:] {
        didSet { pageCache = KonnectPageCache() }
    }
    var nextSequence = 0
    /// Session ids in list order, newest first, kept as sessions come and go so a page never
    /// sorts every session. Derived from `sessions`, so not part of a snapshot.
    private var order: [String] = [] { didSet { pageCache = KonnectPageCache() } }
    /// List pages of this version of the sessions, as sent.
    private(set) var pageCache = KonnectPageCache()

    enum CodingKeys: String, CodingKey {
        case sessions, nextSequence
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sessions = try container.decode([String: KonnectSessionRecord].self, forKey: .sessions)
        nextSequence = try container.decode(Int.self, forKey: .nextSequence)
        order = sessions.values.sorted(by: KonnectSessionRecord.listsBefore).map(\.id)
    }

    /// Sessions newest first, `limit` of them from `offset`.
    func list(_ page: KonnectPage) -> KonnectSessionPage {
        let start = min(page.offset, order.count)
        let end = min(start + page.limit, order.count)
        let records = order[start..<end].compactMap { sessions[$0] }
        return KonnectSessionPage(records: records, hasMore: end < order.count, total: order.count)
    }

    /// Sets the title. `updated_at` takes a new clock reading but never goes back.
    mutating func rename(_ id: String, to title: String, clock: MockClock) -> KonnectSessionSummary? {
        guard var record = sessions[id] else { return nil }
        record.title = title
        record.updatedAt = max(clock.now(), record.updatedAt)
        sessions[id] = record
        return record.summary
    }

    mutating func delete(_ id: String) -> Bool {
        guard sessions.removeValue(forKey: id) != nil else { return false }
        order.removeAll { $0 == id }
        return true
    }

    /// Puts a new session in list order: new sessions are nearly always the newest, so the
    /// search from the front ends at once.
    private mutating func insertInOrder(_ record: KonnectSessionRecord) {
        let index =
            order.firstIndex { id in
                sessions[id].map { KonnectSessionRecord.listsBefore(record, $0) } ?? true
            } ?? order.count
        order.insert(record.id, at: index)
    }

    /// Runs a whole turn at once (under the caller's lock): finds or creates the session,
    /// composes the reply and appends it with the user's message. Draws, in order: the
    /// session id (new sessions only), the user message's id, the reply's id; reads the
    /// clock once for the user message (a new session's `created_at` too) and once for the
    /// reply. Nothing is drawn or changed when the session does not exist. The endpoint
    /// composes outside the lock instead (`basis`, `commit`), with the same draws. `taken`
    /// is the scripted reply when the caller has already taken it (`.some(nil)`: none).
    mutating func chat(_ turn: KonnectTurn, sources: KonnectTurnSources, taken: ScriptedReply?? = nil)
        -> KonnectChatMessage?
    {
        let basis = turn.sessionID == nil ? KonnectTurnBasis.newSession(turn, sources: sources) : nil
        guard let basis = basis ?? self.basis(for: turn, seed: sources.seed) else { return nil }
        let askedAt = sources.clock.now()
        // Used up by a concurrent turn since it was found: this turn gets the generated text.
        let scripted = taken ?? sources.scriptedCandidate.flatMap { sources.replies.consume($0) }
        let reply = basis.reply(to: turn, scripted: scripted?.reply, shape: sources.replyShape)
        guard
            case .committed(let message) = commit(
                turn, basis: basis, reply: reply, askedAt: askedAt, sources: sources)
        else { return nil }
        return message
    }

    /// Takes a session out while it changes, so appending does not copy its messages.
    mutating func removeSession(_ id: String) -> KonnectSessionRecord? {
        sessions.removeValue(forKey: id)
    }

    /// Puts back a session taken out by `removeSession`; its place in the list is kept.
    mutating func restoreSession(_ record: KonnectSessionRecord) {
        sessions[record.id] = record
    }

    /// Stores a new session and gives it its place in the list.
    mutating func insertSession(_ record: KonnectSessionRecord) {
        sessions[record.id] = record
        insertInOrder(record)
    }
}
