import Locking

/// Caps on what the mock keeps in memory over all namespaces together (issue 13): the
/// per-namespace caps alone let a client grow the process without bound by spreading
/// requests over new namespaces. Past a cap the mock answers 507 Insufficient Storage in the
/// API's envelope, naming the cap and the `serve` option that raises it, and keeps nothing;
/// it never evicts another test's state behind its back. The journal is the exception: it is
/// a log, so past its byte budget its oldest entries go first, whatever their namespace.
public struct MemoryLimits: Sendable, Equatable {
    /// Namespaces holding any state (`--max-namespaces`); one counts from its first request
    /// or admin write until `POST /__admin/reset` clears it.
    public var maxNamespaces: Int = 1000
    /// Sessions of both APIs in one namespace (`--max-sessions-per-namespace`), per API.
    public var maxSessionsPerNamespace: Int = 1000
    /// Bytes of journaled bodies and headers over every namespace (`--max-journal-bytes`).
    public var maxJournalBytes: Int = 64 << 20
    /// Scripted replies over every namespace (`--max-replies`).
    public var maxScriptedReplies: Int = 10_000

    public init() {}
}

/// The namespaces that hold state, capped at `MemoryLimits.maxNamespaces`.
final class NamespaceRegistry: Sendable {
    private let known = Locked<Set<String>>([])
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Whether `namespace` may hold state: it already does, or there is room for one more.
    func admit(_ namespace: String) -> Bool {
        known.withLock { known in
            if known.contains(namespace) { return true }
            guard known.count < limit else { return false }
            known.insert(namespace)
            return true
        }
    }

    /// Registers a namespace whatever the cap (state imports are the operator's choice).
    func record(_ namespace: String) {
        _ = known.withLock { $0.insert(namespace) }
    }

    func forget(_ namespace: String?) {
        known.withLock { known in
            if let namespace { known.remove(namespace) } else { known.removeAll() }
        }
    }

    var count: Int { known.withLock { $0.count } }

    /// The 507 message for a refused namespace.
    var refusal: String {
        "The mock holds state for its limit of \(limit) namespaces; reset some (POST /__admin/reset) "
            + "or raise --max-namespaces"
    }
}
