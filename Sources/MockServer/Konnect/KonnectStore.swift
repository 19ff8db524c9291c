import Locking

/// Konnect's sessions, kept apart by namespace and then by API key fingerprint, with a lock
/// per user: each operation on a user's sessions, a whole chat turn included, runs under
/// that user's lock, so concurrent clients of one key never lose a message and
/// `message_count` always equals the messages stored, while other users (and namespaces)
/// never wait for it. The directory of users is spread over stripes by namespace and user,
/// each with its own lock, so even the lookup is shared only with the users that hash alike.
public final class KonnectStore: Sendable {
    /// One user's sessions behind their own lock. `retired` marks a shard taken out of the
    /// directory because it held nothing; a request that fetched it just before looks again.
    private final class UserShard: Sendable {
        let sessions: Locked<(value: KonnectUserSessions, retired: Bool)>

        init(_ sessions: KonnectUserSessions = KonnectUserSessions()) {
            self.sessions = Locked((sessions, false))
        }
    }

    private struct ShardKey: Hashable {
        let namespace: String
        let user: String
    }

    private typealias Stripe = [ShardKey: UserShard]

    private let stripes: [Locked<Stripe>]

    public init(stripeCount: Int = 16) {
        stripes = (0..<max(1, stripeCount)).map { _ in Locked(Stripe()) }
    }

    private func stripe(of key: ShardKey) -> Locked<Stripe> {
        stripes[Int(UInt(bitPattern: key.hashValue) % UInt(stripes.count))]
    }

    private static func key(_ caller: KonnectCaller) -> ShardKey {
        ShardKey(namespace: caller.namespace, user: caller.user)
    }

    /// The caller's shard, if one exists.
    private func existingShard(_ caller: KonnectCaller) -> UserShard? {
        let key = Self.key(caller)
        return stripe(of: key).withLock { $0[key] }
    }

    /// The caller's shard, made (empty) when there is none; exports skip empty users.
    private func shard(_ caller: KonnectCaller) -> UserShard {
        let key = Self.key(caller)
        return stripe(of: key).withLock { shards in
            if let existing = shards[key] { return existing }
            let created = UserShard()
            shards[key] = created
            return created
        }
    }

    /// Every shard, with its key, stripe by stripe.
    private func allShards() -> [(key: ShardKey, shard: UserShard)] {
        stripes.flatMap { stripe in stripe.withLock { $0.map { (key: $0.key, shard: $0.value) } } }
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
                let key = Self.key(caller)
                stripe(of: key).withLock { shards in
                    guard shards[key] === shard else { return }
                    shards[key] = nil
                }
            }
            return outcome.result
        }
    }

    /// Sessions of every user in one namespace.
    func sessionCount(namespace: String) -> Int {
        let shards = stripes.flatMap { stripe in
            stripe.withLock { $0.filter { $0.key.namespace == namespace }.map(\.value) }
        }
        return shards.reduce(0) { total, shard in total + shard.sessions.withLock { $0.value.sessions.count }
        }
    }

    /// Forgets the sessions of one namespace, or of every namespace when `namespace` is nil.
    public func reset(namespace: String?) {
        for stripe in stripes {
            stripe.withLock { shards in
                if let namespace {
                    shards = shards.filter { $0.key.namespace != namespace }
                } else {
                    shards.removeAll()
                }
            }
        }
    }

    /// Everything stored, as a value that encodes to JSON; users without sessions are left
    /// out, as they hold nothing.
    public func exportSnapshot() -> KonnectSnapshot {
        var snapshot = KonnectSnapshot()
        for (key, shard) in allShards() {
            let sessions = shard.sessions.withLock { $0.value }
            guard !sessions.sessions.isEmpty || sessions.nextSequence != 0 else { continue }
            snapshot.namespaces[key.namespace, default: [:]][key.user] = sessions
        }
        return snapshot
    }

    /// Replaces everything stored with a snapshot taken earlier, stripe by stripe: a request
    /// running meanwhile sees its own user either before or after, never half of one.
    public func importSnapshot(_ snapshot: KonnectSnapshot) {
        var replacement = [Stripe](repeating: [:], count: stripes.count)
        for (namespace, users) in snapshot.namespaces {
            for (user, sessions) in users {
                let key = ShardKey(namespace: namespace, user: user)
                replacement[Int(UInt(bitPattern: key.hashValue) % UInt(stripes.count))][key] = UserShard(
                    sessions)
            }
        }
        for (stripe, shards) in zip(stripes, replacement) { stripe.withLock { $0 = shards } }
    }
}
