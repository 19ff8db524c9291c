import Locking

/// The request journal: recent API requests per namespace, newest last in storage and
/// newest first when listed. Each namespace keeps at most `capacity` entries; the oldest go
/// first. Ids grow across namespaces so an entry can be found again while its stream runs.
public final class RequestJournal: Sendable {
    private struct State {
        var entries: [String: [JournalEntry]] = [:]
        var nextID = 1
    }

    public let capacity: Int
    public let bodyLimit: Int
    private let state = Locked(State())

    public init(capacity: Int, bodyLimit: Int) {
        self.capacity = max(0, capacity)
        self.bodyLimit = max(0, bodyLimit)
    }

    /// Stores an entry (its id is assigned here) and returns the id.
    @discardableResult
    func append(_ entry: JournalEntry) -> Int {
        state.withLock { state in
            var entry = entry
            entry.id = state.nextID
            state.nextID += 1
            guard capacity > 0 else { return entry.id }
            var list = state.entries[entry.namespace, default: []]
            list.append(entry)
            if list.count > capacity { list.removeFirst(list.count - capacity) }
            state.entries[entry.namespace] = list
            return entry.id
        }
    }

    /// Changes a stored entry, if it is still kept.
    func update(id: Int, namespace: String, _ change: (inout JournalEntry) -> Void) {
        state.withLock { state in
            guard let index = state.entries[namespace]?.lastIndex(where: { $0.id == id }) else { return }
            change(&state.entries[namespace, default: []][index])
        }
    }

    /// A page of a namespace's entries, newest first, and how many it holds in all.
    func page(namespace: String, limit: Int, offset: Int) -> (entries: [JournalEntry], total: Int) {
        state.withLock { state in
            let list = state.entries[namespace] ?? []
            let newestFirst = list.reversed().dropFirst(offset).prefix(limit)
            return (Array(newestFirst), list.count)
        }
    }

    /// Forgets a namespace's entries, or every namespace's when nil.
    public func clear(namespace: String?) {
        state.withLock { state in
            if let namespace { state.entries[namespace] = nil } else { state.entries = [:] }
        }
    }
}
