import Locking
import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// Pauses timed by the event loop (`EventLoop.pause`): they end at their deadline, in
/// deadline order, at once when cancelled or when the connection goes, and abandoned ones do
/// not pile up.
@Suite("Event loop pauses", .timeLimit(.minutes(1)))
struct EventLoopPauseTests {
    private typealias Pair = LoopSocketPair

    private static func deadline(afterMilliseconds ms: UInt64) -> UInt64 {
        SystemCalls.monotonicNanoseconds() + ms * 1_000_000
    }

    @Test func aPauseEndsOnceItsDeadlineHasPassed() async throws {
        let pair = try Pair(name: "pause-test")
        defer { pair.close() }
        let deadline = Self.deadline(afterMilliseconds: 30)
        try await pair.loop.pause(pair.registration, until: deadline)
        #expect(SystemCalls.monotonicNanoseconds() >= deadline)
        #expect(!pair.hasParkedPause)
    }

    @Test func aPastDeadlineReturnsAtOnce() async throws {
        let pair = try Pair(name: "pause-test")
        defer { pair.close() }
        try await pair.loop.pause(pair.registration, until: 0)
        #expect(!pair.hasParkedPause)
    }

    /// A pause earlier than the loop's own wake-up must wake it, or the pause would end only
    /// when the loop next woke by itself (up to a second later); a later one need not.
    @Test func onlyAnEarlierPauseWakesTheSleepingLoop() {
        #expect(EventLoop.wakesSleepingLoop(deadline: 100, sleepingUntil: 200))
        #expect(!EventLoop.wakesSleepingLoop(deadline: 300, sleepingUntil: 200))
        #expect(!EventLoop.wakesSleepingLoop(deadline: 100, sleepingUntil: nil), "a running loop looks again")
    }

    /// Three pauses on one loop: the earliest ends, the later two stay parked.
    @Test func onlyTheDuePauseEnds() async throws {
        let pair = try Pair(name: "pause-test")
        defer { pair.close() }
        var registrations: [Registration] = []
        var fds: [Int32] = []
        for _ in 0..<3 {
            let fd = dup(pair.server)
            fds.append(fd)
            registrations.append(try pair.loop.register(fd, phase: .active))
        }
        defer {
            for registration in registrations { pair.loop.deregister(registration) }
            for fd in fds { Glibc.close(fd) }
        }
        let loop = pair.loop
        func parked(_ index: Int) -> Bool {
            loop.state.withLock { $0.slots[registrations[index].fd]?.timerWaiter != nil }
        }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, milliseconds) in [(2, 120_000), (1, 60_000)] {
                let registration = registrations[index]
                group.addTask {
                    await #expect(throws: CancellationError.self) {
                        try await loop.pause(
                            registration, until: Self.deadline(afterMilliseconds: UInt64(milliseconds)))
                    }
                    return index
                }
            }
            while !parked(1) || !parked(2) { await Task.yield() }
            try await loop.pause(registrations[0], until: Self.deadline(afterMilliseconds: 30))
            #expect(parked(1) && parked(2))
            #expect(loop.state.withLock { $0.timers.count } == 2)
            group.cancelAll()
        }
    }

    @Test func cancellingAPauseEndsItAtOnce() async throws {
        let pair = try Pair(name: "pause-test")
        defer { pair.close() }
        let task = await pair.parkedTenMinutePause()
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!pair.hasParkedPause)
    }

    @Test func deregisteringFailsAParkedPause() async throws {
        let pair = try Pair(name: "pause-test")
        defer { pair.close() }
        let task = await pair.parkedTenMinutePause()
        pair.loop.deregister(pair.registration)
        await #expect(throws: IOWaitError.closed) { try await task.value }
    }

    /// Every cancelled pause leaves its entry in the heap until its deadline; the heap is
    /// compacted so it stays within twice the live pauses plus its floor.
    @Test func abandonedPausesDoNotPileUp() async throws {
        let pair = try Pair(name: "pause-test")
        defer { pair.close() }
        // Past the floor of 1,024 entries, so compaction must have run; no more than that,
        // as each pause is a task the loaded test pool schedules (3,000 once took a minute).
        for _ in 0..<1_100 {
            let task = await pair.parkedTenMinutePause()
            task.cancel()
            _ = try? await task.value
        }
        let (entries, compactAt) = pair.loop.state.withLock { ($0.timers.count, $0.timersCompactAt) }
        #expect(entries <= 1_024)
        #expect(compactAt == 1_024)
    }
}

extension LoopSocketPair {
    var hasParkedPause: Bool {
        loop.state.withLock { $0.slots[registration.fd]?.timerWaiter != nil }
    }

    /// A task in a ten-minute pause on this pair, returned once the pause is parked.
    func parkedTenMinutePause() async -> Task<Void, any Error> {
        let (loop, registration) = (self.loop, self.registration)
        let task = Task {
            try await loop.pause(
                registration, until: SystemCalls.monotonicNanoseconds() + 600_000 * 1_000_000)
        }
        while !hasParkedPause { await Task.yield() }
        return task
    }
}
