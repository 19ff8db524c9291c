import Testing

@testable import HTTPServer

@Suite("Timer heap")
struct TimerHeapTests {
    private func entry(_ deadline: UInt64, fd: Int32 = 3) -> TimerHeap.Entry {
        TimerHeap.Entry(deadline: deadline, fd: fd, generation: 1)
    }

    @Test func duePausesComeOutEarliestFirstAndOnlyWhenDue() {
        var heap = TimerHeap()
        var generator = SystemRandomNumberGenerator()
        let deadlines = (0..<500).map { _ in UInt64.random(in: 1...10_000, using: &generator) }
        for deadline in deadlines { heap.insert(entry(deadline)) }
        #expect(heap.earliest == deadlines.min())
        #expect(heap.popDue(now: 0) == nil)
        var popped: [UInt64] = []
        while let next = heap.popDue(now: 5_000) { popped.append(next.deadline) }
        #expect(popped == deadlines.filter { $0 <= 5_000 }.sorted())
        #expect(heap.count == deadlines.filter { $0 > 5_000 }.count)
        while let next = heap.popDue(now: .max) { popped.append(next.deadline) }
        #expect(popped == deadlines.sorted())
        #expect(heap.isEmpty)
    }

    @Test func compactionKeepsTheLiveEntriesInOrder() {
        var heap = TimerHeap()
        for deadline in (1...1_000).reversed() {
            heap.insert(entry(UInt64(deadline), fd: Int32(deadline % 7)))
        }
        heap.compact { $0.fd == 0 }
        #expect(heap.count == 1_000 / 7)
        #expect(heap.capacity <= 2 * heap.count + 64, "compaction gives the storage back")
        var popped: [UInt64] = []
        while let next = heap.popDue(now: .max) { popped.append(next.deadline) }
        #expect(popped == (1...1_000).filter { $0 % 7 == 0 }.map(UInt64.init))
    }
}
