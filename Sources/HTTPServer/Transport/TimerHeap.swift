/// The loop's pending pauses, earliest first: a binary min-heap of plain values in one
/// array, so a pause costs no allocation of its own. A cancelled pause leaves its entry
/// behind (the slot no longer waits for it); `compact` drops such entries once they
/// outnumber the live ones, so a client that starts and abandons long pauses cannot grow it
/// without bound.
struct TimerHeap {
    struct Entry: Equatable {
        var deadline: UInt64
        var fd: Int32
        var generation: UInt32
    }

    private(set) var entries: [Entry] = []

    /// Entries the storage has room for (for tests of compaction).
    var capacity: Int { entries.capacity }

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    var earliest: UInt64? { entries.first?.deadline }

    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(now: UInt64) -> Entry? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(from: 0)
        }
        return first
    }

    /// Keeps only the entries `isLive` accepts, then restores the heap order.
    mutating func compact(keeping isLive: (Entry) -> Bool) {
        entries.removeAll { !isLive($0) }
        var index = entries.count / 2
        while index > 0 {
            index -= 1
            siftDown(from: index)
        }
        if entries.capacity > 2 * entries.count + 64 {
            // A copy made with `Array(_:)` would share the storage; a fresh one is sized anew.
            var fresh: [Entry] = []
            fresh.reserveCapacity(entries.count)
            fresh.append(contentsOf: entries)
            entries = fresh
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            let right = left + 1
            var smallest = left
            if right < entries.count && entries[right].deadline < entries[left].deadline { smallest = right }
            guard entries[smallest].deadline < entries[parent].deadline else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
