import Synchronization

/// The sessions a run has created and not yet deleted, so they can all be deleted at the
/// end, after a failure, or on Ctrl-C.
final class SessionLedger: Sendable {
    struct Entry: Sendable, Equatable {
        var api: APIKind
        var identity: Identity
        var id: String
        var scenario: String
    }

    private let entries = Mutex<[Entry]>([])

    func record(_ entry: Entry) {
        entries.withLock { list in
            if !list.contains(entry) { list.append(entry) }
        }
    }

    func forget(api: APIKind, id: String) {
        entries.withLock { $0.removeAll { $0.api == api && $0.id == id } }
    }

    /// Removes and returns the entries of one scenario (nil: all of them).
    func take(scenario: String?) -> [Entry] {
        entries.withLock { list in
            let taken = list.filter { scenario == nil || $0.scenario == scenario }
            list.removeAll { scenario == nil || $0.scenario == scenario }
            return taken
        }
    }
}
