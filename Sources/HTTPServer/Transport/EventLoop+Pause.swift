import Locking

/// Pauses of streamed bodies, timed by the loop itself. `Task.sleep` leaves its timer (a job
/// and a Dispatch source) pending until the deadline even when the sleep is cancelled, so a
/// client that left a ten-minute stall kept a few small objects alive for ten minutes,
/// scattered among freed memory that they then kept from going back to the system. A pause
/// here is one continuation in the connection's slot and one plain entry in `TimerHeap`.
extension EventLoop {
    /// Suspends until the monotonic clock reaches `deadline`. Throws `ConnectionClosedError`
    /// when the peer hangs up (or had already), `CancellationError` when the task is
    /// cancelled, and `IOWaitError` when the connection fails or the loop stops meanwhile.
    func pause(_ registration: Registration, until deadline: UInt64) async throws {
        try await parkPause(registration, until: deadline)
        let hungUp = state.withLock { s -> Bool in
            guard let slot = s.slots[registration.fd], slot.generation == registration.generation else {
                return false
            }
            return slot.peerClosed || slot.broken
        }
        if hungUp { throw ConnectionClosedError(errorNumber: 0) }
    }

    private func parkPause(_ registration: Registration, until deadline: UInt64) async throws {
        let fd = registration.fd
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { s -> Result<Void, any Error>? in
                    guard var slot = s.slots[fd], slot.generation == registration.generation else {
                        return .failure(IOWaitError.closed)
                    }
                    if let failure = slot.failure { return .failure(failure) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if slot.peerClosed || slot.broken {
                        return .failure(ConnectionClosedError(errorNumber: 0))
                    }
                    if deadline <= SystemCalls.monotonicNanoseconds() { return .success(()) }
                    slot.timerWaiter = continuation
                    slot.timerDeadline = deadline
                    s.slots[fd] = slot
                    Self.insertTimer(
                        TimerHeap.Entry(deadline: deadline, fd: fd, generation: registration.generation),
                        into: &s)
                    // The thread sleeps past this deadline: it must recompute its timeout. Woken
                    // under the lock: the thread clears `sleepingUntil` under it before it can
                    // stop and close the poller, whose descriptor number could then be reused.
                    if Self.wakesSleepingLoop(deadline: deadline, sleepingUntil: s.sleepingUntil) {
                        poller.wake()
                    }
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, any Error>? in
                guard var slot = s.slots[fd], slot.generation == registration.generation else { return nil }
                defer { slot.timerWaiter = nil; s.slots[fd] = slot }
                return slot.timerWaiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Whether a new pause must wake the thread: only one asleep in `epoll_wait` past the
    /// pause's deadline; a running thread computes its next timeout with the pause in it.
    static func wakesSleepingLoop(deadline: UInt64, sleepingUntil: UInt64?) -> Bool {
        sleepingUntil.map { deadline < $0 } ?? false
    }

    /// Moves the continuations of pauses due at `now` into `woken`. Entries whose pause was
    /// cancelled, or whose connection is gone, are dropped on the way.
    static func takeDuePauses(
        _ s: inout State, now: UInt64, into woken: inout [CheckedContinuation<Void, any Error>]
    ) {
        while let entry = s.timers.popDue(now: now) {
            guard var slot = s.slots[entry.fd], slot.generation == entry.generation,
                slot.timerDeadline == entry.deadline, let waiter = slot.timerWaiter
            else { continue }
            slot.timerWaiter = nil
            s.slots[entry.fd] = slot
            woken.append(waiter)
        }
    }

    /// Adds a pause, first dropping the entries of abandoned ones when the heap has doubled
    /// since the last time: the heap stays within twice the live pauses (plus a floor).
    private static func insertTimer(_ entry: TimerHeap.Entry, into s: inout State) {
        if s.timers.count >= s.timersCompactAt {
            let slots = s.slots
            s.timers.compact { entry in
                guard let slot = slots[entry.fd] else { return false }
                return slot.generation == entry.generation && slot.timerDeadline == entry.deadline
                    && slot.timerWaiter != nil
            }
            s.timersCompactAt = max(1024, 2 * s.timers.count)
        }
        s.timers.insert(entry)
    }
}
