import Locking

/// The request journal: recent API requests per namespace, newest last in storage and
/// newest first when listed. Each namespace keeps at most `capacity` entries; the oldest go
/// first. Ids grow across namespaces so an entry can be found again while its stream runs.
/// All namespaces together keep at most `maxTotalBytes` (`JournalEntry.retainedBytes`):
/// past it the oldest entries go first, whatever their namespace.
public final class RequestJournal: Sendable {
    private struct State {
        var entries: [String: [JournalEntry]] = [:]
        var nextID = 1
        var totalBytes = 0
    }

    public let capacity: Int
    public let bodyLimit: Int
    public let maxTotalBytes: Int
    private let state = Locked(State())

    public init(capacity: Int, bodyLimit: Int, maxTotalBytes: Int = 64 << 20) {
        self.capacity = max(0, capacity)
        self.bodyLimit = max(0, bodyLimit)
        self.maxTotalBytes = max(0, maxTotalBytes)
    }

    /// Bytes the journal holds now, over every namespace.
    var retainedBytes: Int { state.withLock { $0.totalBytes } }

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
            state.totalBytes += entry.retainedBytes
            if list.count > capacity {
                let dropped = list.count - capacity
                state.totalBytes -= list.prefix(dropped).reduce(0) { $0 + $1.retainedBytes }
                list.removeFirst(dropped)
            }
            state.entries[entry.namespace] = list
            Self.evictOldest(&state, keepingAtMost: maxTotalBytes)
            return entry.id
        }
    }

    /// Changes a stored entry, if it is still kept.
    func update(id: Int, namespace: String, _ change: (inout JournalEntry) -> Void) {
        state.withLock { state in
            guard let index = state.entries[namespace]?.lastIndex(where: { $0.id == id }) else { return }
            let before = state.entries[namespace, default: []][index].retainedBytes
            change(&state.entries[namespace, default: []][index])
            state.totalBytes += state.entries[namespace, default: []][index].retainedBytes - before
            Self.evictOldest(&state, keepingAtMost: maxTotalBytes)
        }
    }

    /// Drops the oldest entries of all namespaces (smallest id first) until the total fits.
    /// Each step scans the namespaces' first entries: their number is capped.
    private static func evictOldest(_ state: inout State, keepingAtMost budget: Int) {
        while state.totalBytes > budget {
            guard
                let oldest = state.entries.min(by: {
                    ($0.value.first?.id ?? .max) < ($1.value.first?.id ?? .max)
                }),
                let first = oldest.value.first
            else { return }
            state.totalBytes -= first.retainedBytes
            var list = oldest.value
            list.removeFirst()
            state.entries[oldest.key] = list.isEmpty ? nil : list
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
            if let namespace {
                state.totalBytes -= (state.entries[namespace] ?? []).reduce(0) { $0 + $1.retainedBytes }
                state.entries[namespace] = nil
            } else {
                state.entries = [:]
                state.totalBytes = 0
            }
        }
    }
}
