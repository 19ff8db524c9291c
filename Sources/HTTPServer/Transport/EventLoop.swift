import Foundation
import Locking

/// A descriptor registered with one loop. The generation tells a reused descriptor number
/// apart from the closed one it replaced.
struct Registration: Sendable {
    let fd: Int32
    let generation: UInt32
    let loop: EventLoop

    var token: UInt64 { UInt64(generation) << 32 | UInt64(UInt32(bitPattern: fd)) }
}

/// One epoll thread. Async code parks a continuation per descriptor and interest; the thread
/// resumes it when the kernel reports readiness. The same thread sweeps deadlines
/// periodically, so timeouts cost no task or timer per connection.
final class EventLoop: Sendable {
    struct State {
        var slots: [Int32: ReadinessSlot] = [:]
        var nextGeneration: UInt32 = 1
        var draining = false
        var stopping = false
        var timers = TimerHeap()
        /// `timers` is compacted when it reaches this many entries (`EventLoop+Pause`).
        var timersCompactAt = 1024
        /// When the thread, in `epoll_wait`, will wake by itself; nil while it runs.
        var sleepingUntil: UInt64?
    }

    let poller: Poller
    let state = Locked(State())
    let jobs = Locked(LoopJobQueue())
    private let sweepIntervalNanoseconds: UInt64
    private let name: String

    init(name: String, sweepInterval: Double) throws {
        poller = try Poller()
        self.name = name
        sweepIntervalNanoseconds = UInt64(max(0.005, min(1.0, sweepInterval)) * 1e9)
    }

    /// Starts the loop's own thread; `epoll_wait` never runs on the cooperative pool.
    func start() {
        let thread = Thread { [self] in self.run() }
        thread.name = name
        thread.start()
    }

    /// Asks the thread to exit and release the poller. Waiters still parked fail with `.closed`.
    func stop() {
        state.withLock { $0.stopping = true }
        poller.wake()
    }

    func register(_ fd: Int32, phase: ConnectionPhase, deadline: UInt64 = .max) throws -> Registration {
        let registration = state.withLock { s -> Registration in
            let generation = s.nextGeneration
            s.nextGeneration = s.nextGeneration &+ 1 == 0 ? 1 : s.nextGeneration &+ 1
            s.slots[fd] = ReadinessSlot(generation: generation, phase: phase, deadline: deadline)
            return Registration(fd: fd, generation: generation, loop: self)
        }
        do {
            try poller.add(fd, token: registration.token)
        } catch {
            _ = state.withLock { $0.slots.removeValue(forKey: fd) }
            throw error
        }
        return registration
    }

    /// Forgets the descriptor; call before closing it so a reused number starts clean.
    func deregister(_ registration: Registration) {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
            guard var slot = s.slots[registration.fd], slot.generation == registration.generation else {
                return []
            }
            s.slots.removeValue(forKey: registration.fd)
            return slot.unparkAll()
        }
        for waiter in waiters { waiter.resume(throwing: IOWaitError.closed) }
    }

    func update(_ registration: Registration, phase: ConnectionPhase, deadline: UInt64) {
        state.withLock { s in
            guard var slot = s.slots[registration.fd], slot.generation == registration.generation else {
                return
            }
            slot.phase = phase
            slot.deadline = deadline
            s.slots[registration.fd] = slot
        }
    }

    /// Replaces the deadline with a write deadline (a blocked write re-arms it after each bit
    /// of progress, so it may move later). Returns the deadline in force before the write
    /// began, which `restoreDeadline` puts back.
    func tightenDeadline(_ registration: Registration, to deadline: UInt64) -> UInt64 {
        state.withLock { s -> UInt64 in
            guard var slot = s.slots[registration.fd], slot.generation == registration.generation else {
                return .max
            }
            let previous = slot.deadlineBeforeWrite ?? slot.deadline
            slot.deadlineBeforeWrite = previous
            slot.deadline = deadline
            s.slots[registration.fd] = slot
            return previous
        }
    }

    /// Puts back the deadline `tightenDeadline` replaced, once the write has finished.
    func restoreDeadline(_ registration: Registration, _ deadline: UInt64) {
        state.withLock { s in
            guard var slot = s.slots[registration.fd], slot.generation == registration.generation else {
                return
            }
            slot.deadline = deadline
            slot.deadlineBeforeWrite = nil
            s.slots[registration.fd] = slot
        }
    }

    /// Suspends until the descriptor is ready for `interest`. Throws `IOWaitError` on a
    /// deadline or shutdown, `CancellationError` when the task is cancelled.
    func wait(_ interest: Interest, _ registration: Registration) async throws {
        let fd = registration.fd
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { s -> Result<Void, any Error>? in
                    guard var slot = s.slots[fd], slot.generation == registration.generation else {
                        return .failure(IOWaitError.closed)
                    }
                    if let failure = slot.failure { return .failure(failure) }
                    if interest == .hangup && slot.hangupWatchEnded {
                        slot.hangupWatchEnded = false
                        s.slots[fd] = slot
                        return .failure(IOWaitError.watchEnded)
                    }
                    if slot.takeReadiness(interest) {
                        s.slots[fd] = slot
                        return .success(())
                    }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if s.draining && (slot.phase == .idle || slot.phase == .listener) {
                        return .failure(IOWaitError.shuttingDown)
                    }
                    slot.park(interest, continuation)
                    s.slots[fd] = slot
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, any Error>? in
                guard var slot = s.slots[fd], slot.generation == registration.generation else { return nil }
                let waiter = slot.unpark(interest)
                s.slots[fd] = slot
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Starts a watch for hang-up: forgets an `endHangupWatch` left over from an earlier one.
    func beginHangupWatch(_ registration: Registration) {
        state.withLock { s in
            guard var slot = s.slots[registration.fd], slot.generation == registration.generation else {
                return
            }
            slot.hangupWatchEnded = false
            s.slots[registration.fd] = slot
        }
    }

    /// Ends the wait for hang-up with `IOWaitError.watchEnded`, or the next one if none is
    /// parked yet: a streamed body that finishes wakes the connection watching for hang-up,
    /// so one task can do both and a stream needs a single child task.
    func endHangupWatch(_ registration: Registration) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, any Error>? in
            guard var slot = s.slots[registration.fd], slot.generation == registration.generation else {
                return nil
            }
            let waiter = slot.unpark(.hangup)
            if waiter == nil { slot.hangupWatchEnded = true }
            s.slots[registration.fd] = slot
            return waiter
        }
        waiter?.resume(throwing: IOWaitError.watchEnded)
    }

    /// Fails the waits of idle connections and the listener, and any later ones while they
    /// stay idle. No failure is recorded on the slot: a connection that had just read a request
    /// when draining began turns active, and its response must still be able to wait.
    func beginDraining() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
            s.draining = true
            var woken: [CheckedContinuation<Void, any Error>] = []
            for (fd, var slot) in s.slots where slot.phase == .idle || slot.phase == .listener {
                woken += slot.unparkAll()
                s.slots[fd] = slot
            }
            return woken
        }
        for waiter in waiters { waiter.resume(throwing: IOWaitError.shuttingDown) }
    }

    private func run() {
        EventLoopThread.markCurrent()
        var scratch = PollerScratch()
        var events: [ReadinessEvent] = []
        events.reserveCapacity(256)
        var nextSweep = SystemCalls.monotonicNanoseconds() + sweepIntervalNanoseconds
        while true {
            runQueuedJobs()
            let wakeAt = state.withLock { s -> UInt64 in
                let wakeAt = min(nextSweep, s.timers.earliest ?? .max)
                s.sleepingUntil = wakeAt
                return wakeAt
            }
            let now = SystemCalls.monotonicNanoseconds()
            // Rounded up: waking a little early would only spin until the deadline.
            let timeout = wakeAt > now ? Int32(min((wakeAt - now + 999_999) / 1_000_000, 1000)) : 0
            events.removeAll(keepingCapacity: true)
            poller.wait(
                timeoutMilliseconds: pollTimeout(timeout), scratch: &scratch, events: &events,
                interests: { self.interests() })
            wokeUp()
            var woken: [CheckedContinuation<Void, any Error>] = []
            let stopping = state.withLock { s -> Bool in
                s.sleepingUntil = nil
                Self.takeDuePauses(&s, now: SystemCalls.monotonicNanoseconds(), into: &woken)
                for event in events {
                    let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: event.token))
                    let generation = UInt32(truncatingIfNeeded: event.token >> 32)
                    guard var slot = s.slots[fd], slot.generation == generation else { continue }
                    woken += slot.apply(event)
                    s.slots[fd] = slot
                }
                return s.stopping
            }
            for waiter in woken { waiter.resume() }
            if stopping { break }
            if SystemCalls.monotonicNanoseconds() >= nextSweep {
                sweep()
                nextSweep = SystemCalls.monotonicNanoseconds() + sweepIntervalNanoseconds
            }
        }
        let leftovers = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
            var all: [CheckedContinuation<Void, any Error>] = []
            for (fd, var slot) in s.slots {
                slot.failure = .closed
                all += slot.unparkAll()
                s.slots[fd] = slot
            }
            return all
        }
        for waiter in leftovers { waiter.resume(throwing: IOWaitError.closed) }
        stopRunningJobs()
        poller.close()
    }

    /// Fails every wait of a connection whose deadline has passed.
    private func sweep() {
        let now = SystemCalls.monotonicNanoseconds()
        let expired = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
            var woken: [CheckedContinuation<Void, any Error>] = []
            for (fd, var slot) in s.slots where slot.deadline <= now && slot.failure == nil {
                slot.failure = .timedOut
                woken += slot.unparkAll()
                s.slots[fd] = slot
            }
            return woken
        }
        for waiter in expired { waiter.resume(throwing: IOWaitError.timedOut) }
    }

    /// For the poll fallback: descriptors with a parked waiter.
    private func interests() -> [PollInterest] {
        #if canImport(Glibc)
            return []
        #else
            return state.withLock { s in
                s.slots.compactMap { fd, slot in
                    // A pause ends on a hang-up, so it watches for reads as well.
                    let read = slot.readWaiter != nil || slot.hangupWaiter != nil || slot.timerWaiter != nil
                    let write = slot.writeWaiter != nil
                    guard read || write else { return nil }
                    let token = UInt64(slot.generation) << 32 | UInt64(UInt32(bitPattern: fd))
                    return PollInterest(fd: fd, token: token, read: read, write: write)
                }
            }
        #endif
    }
}
