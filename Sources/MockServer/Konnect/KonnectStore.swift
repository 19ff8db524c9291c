import Locking

/// Konnect's sessions, kept apart by namespace and then by API key fingerprint, with a lock
/// per user: each operation on a user's sessions, a whole chat turn included, runs under
/// that user's lock, so concurrent clients of one key never lose a message and
/// `message_count` always equals the messages stored, while other users (and namespaces)
/// never wait for it. The store-wide lock only guards the directory of users, for lookups.
public final class KonnectStore: Sendable {
    /// One user's sessions behind their own lock. `retired` marks a shard taken out of the
    /// directory because it held nothing; a request that fetched it just before looks again.
    private final class UserShard: Sendable {
        let sessions: Locked<(value: KonnectUserSessions, retired: Bool)>

        init(_ sessions: KonnectUserSessions = KonnectUserSessions()) {
            self.sessions = Locked((sessions, false))
        }
    }

    private let directory = Locked<[String: [String: UserShard]]>([:])

    public init() {}

    /// The caller's shard, if one exists.
    private func existingShard(_ caller: KonnectCaller) -> UserShard? {
        directory.withLock { $0[caller.namespace]?[caller.user] }
    }

    /// The caller's shard, made (empty) when there is none; exports skip empty users.
    private func shard(_ caller: KonnectCaller) -> UserShard {
        directory.withLock { namespaces in
            if let existing = namespaces[caller.namespace]?[caller.user] { return existing }
            let created = UserShard()
            namespaces[caller.namespace, default: [:]][caller.user] = created
            return created
        }
    }

    /// Reads one user's sessions.
    func read<Result: Sendable>(
        _ caller: KonnectCaller, _ body: (KonnectUserSessions) -> Result
    ) -> Result {
        guard let shard = existingShard(caller) else { return body(KonnectUserSessions()) }
        // A retired shard held nothing, which is what a missing one reads as.
        return shard.sessions.withLock { body($0.value) }
    }

    /// Changes one user's sessions under that user's lock. A reset or import that replaces
    /// the shard meanwhile wins, as if this change had come just before it.
    /// A user left with no session is taken out again, so keys that only ever miss (a
    /// DELETE of an unknown id) cost nothing.
    func update<Result: Sendable>(
        _ caller: KonnectCaller, _ body: (inout KonnectUserSessions) -> Result
    ) -> Result {
        while true {
            let shard = shard(caller)
            let outcome = shard.sessions.withLock { state -> (result: Result, empty: Bool)? in
                guard !state.retired else { return nil }
                let result = body(&state.value)
                let empty = state.value.sessions.isEmpty && state.value.nextSequence == 0
                // Retired under its own lock: nobody can be writing into it after this.
                if empty { state.retired = true }
                return (result, empty)
            }
            guard let outcome else { continue }
            if outcome.empty {
                directory.withLock { namespaces in
                    guard namespaces[caller.namespace]?[caller.user] === shard else { return }
                    namespaces[caller.namespace]?[caller.user] = nil
                    if namespaces[caller.namespace]?.isEmpty == true { namespaces[caller.namespace] = nil }
                }
            }
            return outcome.result
        }
    }

    /// Sessions of every user in one namespace.
    func sessionCount(namespace: String) -> Int {
        let shards = directory.withLock { Array(($0[namespace] ?? [:]).values) }
        return shards.reduce(0) { total, shard in total + shard.sessions.withLock { $0.value.sessions.count }
        }
    }

    /// Forgets the sessions of one namespace, or of every namespace when `namespace` is nil.
    public func reset(namespace: String?) {
        directory.withLock { namespaces in
            if let namespace {
                namespaces[namespace] = nil
            } else {
                namespaces.removeAll()
            }
        }
    }

    /// Everything stored, as a value that encodes to JSON; users without sessions are left
    /// out, as they hold nothing.
    public func exportSnapshot() -> KonnectSnapshot {
        let shards = directory.withLock { $0 }
        var snapshot = KonnectSnapshot()
        for (namespace, users) in shards {
            var exported: [String: KonnectUserSessions] = [:]
            for (user, shard) in users {
                let sessions = shard.sessions.withLock { $0.value }
                if !sessions.sessions.isEmpty || sessions.nextSequence != 0 { exported[user] = sessions }
            }
            if !exported.isEmpty { snapshot.namespaces[namespace] = exported }
        }
        return snapshot
    }

    /// Replaces everything stored with a snapshot taken earlier.
    public func importSnapshot(_ snapshot: KonnectSnapshot) {
        let shards = snapshot.namespaces.mapValues { users in users.mapValues { UserShard($0) } }
        directory.withLock { $0 = shards }
    }
}
