/// A first-in-first-out buffer of at most `limit` elements: appending past the limit drops
/// the oldest. Every operation but growth is O(1) and works in place, so an append never
/// copies the elements already held (the journal's old array was copied on each one).
/// Storage grows by doubling up to `limit`, so a namespace that journals little holds little.
struct JournalRing<Element> {
    private var slots: [Element?] = []
    /// Index in `slots` of the oldest element.
    private var head = 0
    private(set) var count = 0
    let limit: Int

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    var isEmpty: Bool { count == 0 }

    var first: Element? { count == 0 ? nil : slots[head] }

    /// Adds `element` as the newest; returns the oldest one when it had to go to make room.
    @discardableResult
    mutating func append(_ element: Element) -> Element? {
        guard limit > 0 else { return element }
        if count == limit {
            let dropped = slots[head]
            slots[head] = element
            head = (head + 1) % slots.count
            return dropped
        }
        if count == slots.count { grow() }
        slots[(head + count) % slots.count] = element
        count += 1
        return nil
    }

    @discardableResult
    mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = slots[head]
        slots[head] = nil
        head = (head + 1) % slots.count
        count -= 1
        return element
    }

    /// The element `age` places before the newest (0 is the newest).
    subscript(newest age: Int) -> Element {
        get { slots[slot(ofAge: age)]! }
        set { slots[slot(ofAge: age)] = newValue }
    }

    /// The age of the newest element that satisfies `predicate`, searching newest first.
    func newestAge(where predicate: (Element) -> Bool) -> Int? {
        for age in 0..<count where predicate(self[newest: age]) { return age }
        return nil
    }

    /// The newest element that satisfies `predicate`.
    func newest(where predicate: (Element) -> Bool) -> Element? {
        newestAge(where: predicate).map { self[newest: $0] }
    }

    /// Up to `limit` elements, newest first, skipping the `offset` newest.
    func newestFirst(offset: Int, limit: Int) -> [Element] {
        let start = min(max(0, offset), count)
        let end = start + min(max(0, limit), count - start)
        return (start..<end).map { self[newest: $0] }
    }

    private func slot(ofAge age: Int) -> Int {
        precondition(age >= 0 && age < count, "journal ring index out of range")
        return (head + count - 1 - age) % slots.count
    }

    private mutating func grow() {
        let capacity = min(limit, max(8, slots.count * 2))
        var grown = [Element?](repeating: nil, count: capacity)
        for index in 0..<count { grown[index] = slots[(head + index) % slots.count] }
        slots = grown
        head = 0
    }
}
