import Locking

/// Konnect's sessions, kept apart by namespace and then by API key fingerprint. One lock guards it
/// all: each operation, a whole chat turn included, runs under it at once, so concurrent
/// clients never lose a message and `message_count` always equals the messages stored.
public final class KonnectStore: Sendable {
    private let state = Locked(KonnectSnapshot())

    public init() {}

    /// Reads one user's sessions.
    func read<Result: Sendable>(
        _ caller: KonnectCaller, _ body: (KonnectUserSessions) -> Result
    ) -> Result {
        state.withLock { snapshot in
            body(snapshot.namespaces[caller.namespace]?[caller.user] ?? KonnectUserSessions())
        }
    }

    /// Changes one user's sessions under the lock; users with no session left are dropped.
    func update<Result: Sendable>(
        _ caller: KonnectCaller, _ body: (inout KonnectUserSessions) -> Result
    ) -> Result {
        state.withLock { snapshot in
            var users = snapshot.namespaces[caller.namespace] ?? [:]
            var sessions = users[caller.user] ?? KonnectUserSessions()
            let result = body(&sessions)
            users[caller.user] = sessions.sessions.isEmpty && sessions.nextSequence == 0 ? nil : sessions
            snapshot.namespaces[caller.namespace] = users.isEmpty ? nil : users
            return result
        }
    }

    /// Sessions of every user in one namespace.
    func sessionCount(namespace: String) -> Int {
        state.withLock { snapshot in
            (snapshot.namespaces[namespace] ?? [:]).values.reduce(0) { $0 + $1.sessions.count }
        }
    }

    /// Forgets the sessions of one namespace, or of every namespace when `namespace` is nil.
    public func reset(namespace: String?) {
        state.withLock { snapshot in
            if let namespace {
                snapshot.namespaces[namespace] = nil
            } else {
                snapshot = KonnectSnapshot()
            }
        }
    }

    /// Everything stored, as a value that encodes to JSON.
    public func exportSnapshot() -> KonnectSnapshot {
        state.withLock { $0 }
    }

    /// Replaces everything stored with a snapshot taken earlier.
    public func importSnapshot(_ snapshot: KonnectSnapshot) {
        state.withLock { $0 = snapshot }
    }
}
