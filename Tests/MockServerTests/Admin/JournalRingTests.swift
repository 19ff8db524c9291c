import Testing

@testable import MockServer

@Suite("Journal ring")
struct JournalRingTests {
    @Test func keepsTheNewestUpToItsLimitAndHandsBackWhatItDrops() {
        var ring = JournalRing<Int>(limit: 3)
        #expect(ring.append(1) == nil)
        #expect(ring.append(2) == nil)
        #expect(ring.append(3) == nil)
        #expect(ring.append(4) == 1)
        #expect(ring.append(5) == 2)
        #expect(ring.count == 3)
        #expect(ring.first == 3)
        #expect(ring.newestFirst(offset: 0, limit: 10) == [5, 4, 3])
        #expect(ring[newest: 0] == 5)
    }

    @Test func growsPastItsFirstStorageInOrder() {
        var ring = JournalRing<Int>(limit: 1000)
        for value in 0..<100 { ring.append(value) }
        #expect(ring.count == 100)
        #expect(ring.newestFirst(offset: 0, limit: 3) == [99, 98, 97])
        #expect(ring.first == 0)
        // Wrapped and then grown: order survives.
        var wrapped = JournalRing<Int>(limit: 20)
        for value in 0..<30 { wrapped.append(value) }
        #expect(wrapped.newestFirst(offset: 0, limit: 20) == Array((10..<30).reversed()))
    }

    @Test func removesTheOldestAndPagesWithOffsets() {
        var ring = JournalRing<Int>(limit: 4)
        for value in 1...6 { ring.append(value) }
        #expect(ring.removeFirst() == 3)
        #expect(ring.newestFirst(offset: 1, limit: 2) == [5, 4])
        #expect(ring.newestFirst(offset: 9, limit: 2) == [])
        #expect(ring.newestFirst(offset: -1, limit: -1) == [])
        #expect(ring.newestAge { $0 == 4 } == 2)
        #expect(ring.newestAge { $0 == 3 } == nil)
        ring[newest: 0] = 60
        #expect(ring.newestFirst(offset: 0, limit: 1) == [60])
        while ring.removeFirst() != nil {}
        #expect(ring.isEmpty && ring.first == nil)
        ring.append(7)
        #expect(ring.newestFirst(offset: 0, limit: 5) == [7])
    }

    @Test func aZeroLimitKeepsNothing() {
        var ring = JournalRing<Int>(limit: 0)
        #expect(ring.append(1) == 1)
        #expect(ring.isEmpty)
    }
}
