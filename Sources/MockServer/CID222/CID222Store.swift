import Locking
import SessionsAPI

/// CID222's sessions, kept apart per namespace, then looked up by id and owning tenant.
/// Every method takes the one lock for its whole duration, so each change is atomic.
public final class CID222Store: Sendable {
    private struct NamespaceState {
        var sessions: [String: CID222SessionRecord] = [:]
        var nextSequence = 0
        /// Sessions whose next turn a stream has claimed and is about to commit; never
        /// exported, since a claim lives only as long as one `message_stop` write.
        var claimedTurns: Set<String> = []
    }

    private let state = Locked<[String: NamespaceState]>([:])

    public init() {}

    /// Creates an empty session. `now` is read once, under the lock, so creation order and
    /// `created_at` order agree. Nil, reading no clock, when the namespace already holds
    /// `limit` sessions.
    func create(
        namespace: String, tenant: String, sessionName: String?, userID: String?, id: String,
        limit: Int = .max, now: () -> Int64
    ) -> CID222SessionRecord? {
        state.withLock { all in
            guard (all[namespace]?.sessions.count ?? 0) < limit else { return nil }
            let time = now()
            // Changed in place: a copy of the namespace's state, changed and put back, copied
            // its whole session dictionary on every create.
            let record = CID222SessionRecord(
                id: id, tenantID: tenant, sessionName: sessionName, userID: userID, createdAt: time,
                updatedAt: time,
                sequence: all[namespace]?.nextSequence ?? 0, messages: [], summary: nil, summarizedCount: 0,
                totalTokens: 0, totalCostMicros: 0)
            all[namespace, default: NamespaceState()].nextSequence += 1
            all[namespace, default: NamespaceState()].sessions[id] = record
            return record
        }
    }

    /// The tenant's sessions, most recent first (`created_at`, then latest inserted).
    func list(namespace: String, tenant: String) -> [CID222SessionRecord] {
        let records = state.withLock { all in
            (all[namespace]?.sessions.values).map { $0.filter { $0.tenantID == tenant } } ?? []
        }
        return records.sorted { ($0.createdAt, $0.sequence) > ($1.createdAt, $1.sequence) }
    }

    /// The session if it exists and belongs to `tenant`; another tenant's is not found.
    func session(namespace: String, tenant: String, id: String) -> CID222SessionRecord? {
        state.withLock { all in
            guard let record = all[namespace]?.sessions[id], record.tenantID == tenant else { return nil }
            return record
        }
    }

    /// Deletes the tenant's session with its history; false when there was none.
    func delete(namespace: String, tenant: String, id: String) -> Bool {
        state.withLock { all in
            guard let record = all[namespace]?.sessions[id], record.tenantID == tenant else { return false }
            all[namespace]?.sessions[id] = nil
            all[namespace]?.claimedTurns.remove(id)
            return true
        }
    }

    /// Reserves the session's next turn for a stream about to write `message_stop`: true
    /// when the session exists, still has the history the turn was planned against, and no
    /// other stream holds the claim. A claim ends with `commit` or `releaseTurn`.
    func claimTurn(namespace: String, tenant: String, id: String, expectedMessageCount: Int) -> Bool {
        state.withLock { all in
            guard let record = all[namespace]?.sessions[id], record.tenantID == tenant,
                record.messages.count == expectedMessageCount,
                all[namespace]?.claimedTurns.contains(id) == false
            else { return false }
            all[namespace]?.claimedTurns.insert(id)
            return true
        }
    }

    /// Gives up a claim whose turn will not be committed (the client went away).
    func releaseTurn(namespace: String, id: String) {
        state.withLock { all in
            _ = all[namespace]?.claimedTurns.remove(id)
        }
    }

    /// Applies a finished turn if the session still exists and its history is the one the
    /// turn was planned against, and ends the turn's claim. `now` is read once, under the
    /// lock, for `updated_at`.
    func commit(namespace: String, tenant: String, id: String, turn: CID222TurnCommit, now: () -> Int64)
        -> CID222SessionRecord?
    {
        state.withLock { all in
            all[namespace]?.claimedTurns.remove(id)
            // Taken out while it changes, so appending does not copy the whole history.
            guard var record = all[namespace]?.sessions.removeValue(forKey: id) else { return nil }
            guard record.tenantID == tenant, record.messages.count == turn.expectedMessageCount else {
                all[namespace]?.sessions[id] = record
                return nil
            }
            record.messages.append(CID222ContextMessage(role: "user", content: turn.userMessage))
            record.messages.append(CID222ContextMessage(role: "assistant", content: turn.assistantMessage))
            record.summary = turn.summary
            record.summarizedCount = turn.summarizedCount
            record.totalTokens += turn.tokens
            record.totalCostMicros += turn.costMicros
            record.updatedAt = max(record.updatedAt, now())
            record.history = record.history.covering(record.messages, sessionID: record.id)
            all[namespace]?.sessions[id] = record
            return record
        }
    }

    /// Forgets one namespace, or every namespace when `namespace` is nil.
    public func reset(namespace: String?) {
        state.withLock { all in
            if let namespace {
                all[namespace] = nil
            } else {
                all.removeAll()
            }
        }
    }

    /// The whole state, sessions sorted by insertion so the export is repeatable.
    public func exportSnapshot() -> CID222Snapshot {
        state.withLock { all in
            CID222Snapshot(
                namespaces: all.mapValues { space in
                    CID222Snapshot.Namespace(
                        sessions: space.sessions.values.sorted { $0.sequence < $1.sequence },
                        nextSequence: space.nextSequence)
                })
        }
    }

    /// Replaces the whole state with a snapshot's.
    public func importSnapshot(_ snapshot: CID222Snapshot) {
        let restored = snapshot.namespaces.mapValues { space in
            NamespaceState(
                sessions: Dictionary(
                    space.sessions.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last }),
                nextSequence: max(space.nextSequence, (space.sessions.map(\.sequence).max() ?? -1) + 1))
        }
        state.withLock { $0 = restored }
    }
}
