import Locking
import Synchronization

/// The request journal: recent API requests per namespace, newest first when listed. Each
/// namespace keeps at most `capacity` entries in a ring; the oldest go first. Ids grow across
/// namespaces so an entry can be found again while its stream runs. All namespaces together
/// keep at most `maxTotalBytes` (`JournalEntry.retainedBytes`): past it the oldest entries go
/// first, whatever their namespace.
///
/// Namespaces are spread over stripes, each with a lock of its own, so requests of unrelated
/// namespaces rarely meet on a lock, and an append is O(1) work under it: the ring is changed
/// in place, and what the entry costs is computed before the lock is taken.
public final class RequestJournal: Sendable {
    private typealias Stripe = [String: JournalRing<PackedJournalEntry>]

    public let capacity: Int
    public let bodyLimit: Int
    public let maxTotalBytes: Int
    private let stripes: [Locked<Stripe>]
    private let nextID = Atomic<Int>(1)
    private let totalBytes = Atomic<Int>(0)
    /// Held while entries are dropped for the byte budget, so two appends over budget do not
    /// both drop (and over-drop) at once; counts the entries dropped so. (An `Int`, not `()`:
    /// ThreadSanitizer reports accesses to a zero-sized value under a lock as races.)
    private let evicting = Locked(0)

    public init(capacity: Int, bodyLimit: Int, maxTotalBytes: Int = 64 << 20, stripeCount: Int = 16) {
        self.capacity = max(0, capacity)
        self.bodyLimit = max(0, bodyLimit)
        self.maxTotalBytes = max(0, maxTotalBytes)
        stripes = (0..<max(1, stripeCount)).map { _ in Locked(Stripe()) }
    }

    /// Bytes the journal holds now, over every namespace.
    var retainedBytes: Int { totalBytes.load(ordering: .relaxed) }

    private func stripe(of namespace: String) -> Locked<Stripe> {
        stripes[Int(UInt(bitPattern: namespace.hashValue) % UInt(stripes.count))]
    }

    /// Stores an entry (its id is assigned here) and returns the id. Ids are drawn under the
    /// namespace's lock, so within a namespace storage order is id order.
    @discardableResult
    func append(_ entry: JournalEntry) -> Int {
        var entry = entry
        guard capacity > 0 else { return nextID.wrappingAdd(1, ordering: .relaxed).oldValue }
        // The id goes in under the lock; everything else is packed before it is taken.
        entry.id = 0
        let packed = PackedJournalEntry(entry)
        let (id, dropped) = stripe(of: entry.namespace).withLock { stripe -> (Int, PackedJournalEntry?) in
            let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
            let dropped = stripe[entry.namespace, default: JournalRing(limit: capacity)].append(
                packed.numbered(id))
            return (id, dropped)
        }
        account(packed.retainedBytes - (dropped?.retainedBytes ?? 0))
        return id
    }

    /// Changes a stored entry, if it is still kept. The entry is unpacked, changed and packed
    /// again outside the lock; only one stream updates its own entry, so the swap can only
    /// miss when the entry was dropped meanwhile.
    func update(id: Int, namespace: String, _ change: (inout JournalEntry) -> Void) {
        let lock = stripe(of: namespace)
        guard let before = lock.withLock({ stripe in stripe[namespace]?.newest(where: { $0.id == id }) })
        else {
            return
        }
        var entry = before.entry
        change(&entry)
        let after = PackedJournalEntry(entry).numbered(id)
        let delta = lock.withLock { stripe -> Int in
            guard let age = stripe[namespace]?.newestAge(where: { $0.id == id }) else { return 0 }
            stripe[namespace]![newest: age] = after
            return after.retainedBytes - before.retainedBytes
        }
        account(delta)
    }

    private func account(_ delta: Int) {
        let total = totalBytes.wrappingAdd(delta, ordering: .relaxed).newValue
        if total > maxTotalBytes { evictOldest() }
    }

    /// Drops the oldest entries of all namespaces (smallest id first) until the total fits.
    /// Each step looks at every namespace's oldest entry: their number is capped.
    private func evictOldest() {
        evicting.withLock { dropped in
            while totalBytes.load(ordering: .relaxed) > maxTotalBytes {
                var oldest: (stripe: Int, namespace: String, id: Int)?
                for (index, stripe) in stripes.enumerated() {
                    stripe.withLock { stripe in
                        for (namespace, ring) in stripe {
                            if let id = ring.first?.id, id < oldest?.id ?? .max {
                                oldest = (index, namespace, id)
                            }
                        }
                    }
                }
                guard let oldest else { return }
                let freed = stripes[oldest.stripe].withLock { stripe -> Int in
                    guard stripe[oldest.namespace]?.first?.id == oldest.id,
                        let removed = stripe[oldest.namespace]?.removeFirst()
                    else { return 0 }
                    if stripe[oldest.namespace]?.isEmpty == true { stripe[oldest.namespace] = nil }
                    return removed.retainedBytes
                }
                totalBytes.subtract(freed, ordering: .relaxed)
                dropped += 1
            }
        }
    }

    /// A page of a namespace's entries, newest first, and how many it holds in all.
    func page(namespace: String, limit: Int, offset: Int) -> (entries: [JournalEntry], total: Int) {
        // Unpacked after the lock: a page of large bodies would otherwise hold up every append
        // to the namespaces of this stripe.
        let (packed, total) = stripe(of: namespace).withLock { stripe -> ([PackedJournalEntry], Int) in
            guard let ring = stripe[namespace] else { return ([], 0) }
            return (ring.newestFirst(offset: offset, limit: limit), ring.count)
        }
        return (packed.map(\.entry), total)
    }

    /// Forgets a namespace's entries, or every namespace's when nil.
    public func clear(namespace: String?) {
        let targets = namespace.map { [stripe(of: $0)] } ?? stripes
        for stripe in targets {
            let freed = stripe.withLock { stripe -> Int in
                if let namespace { return Self.bytes(of: stripe.removeValue(forKey: namespace)) }
                defer { stripe.removeAll() }
                return stripe.values.reduce(0) { $0 + Self.bytes(of: $1) }
            }
            totalBytes.subtract(freed, ordering: .relaxed)
        }
    }

    private static func bytes(of ring: JournalRing<PackedJournalEntry>?) -> Int {
        guard let ring else { return 0 }
        return ring.newestFirst(offset: 0, limit: ring.count).reduce(0) { $0 + $1.retainedBytes }
    }
}
