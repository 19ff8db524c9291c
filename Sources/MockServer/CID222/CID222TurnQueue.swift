import Locking
import Synchronization

/// Serializes the sends into one CID222 session (DESIGN.md: concurrent sends are served one
/// after another, each on the context that holds the turns before it). A send waits for
/// its session's turn in arrival order, then plans and streams while holding it; the next
/// waiter gets it when the `TurnTicket` is released: explicitly when the stream ends, or by
/// the ticket's deinit when a response is dropped unsent (a fault replaced it, the client
/// left), so a turn is never held by nobody. Waiting is bounded by `waitLimit`.
final class CID222TurnQueue: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct Line {
        var waiters: [Waiter] = []
    }

    /// Sessions with a turn in progress, and who waits for each; an entry exists only while
    /// its turn is held, so the map stays as small as the number of busy sessions.
    private let lines = Locked<(busy: [String: Line], nextID: UInt64)>(([:], 0))

    init() {}

    /// Waits for the session's turn; nil when `waitLimit` seconds passed first.
    func acquire(namespace: String, sessionID: String, waitLimit: Double) async -> TurnTicket? {
        let key = namespace + "\u{0}" + sessionID
        let ticket = TurnTicket(queue: self, key: key)
        let id = lines.withLock { state -> UInt64? in
            guard state.busy[key] != nil else {
                state.busy[key] = Line()
                return nil
            }
            state.nextID &+= 1
            return state.nextID
        }
        guard let id else { return ticket }
        let granted = await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                        let takenAtOnce = self.lines.withLock { state -> Bool in
                            // The turn ended between the first look and now: take it.
                            guard state.busy[key] != nil else {
                                state.busy[key] = Line()
                                return true
                            }
                            state.busy[key]?.waiters.append(Waiter(id: id, continuation: continuation))
                            return false
                        }
                        if takenAtOnce { continuation.resume(returning: true) }
                    }
                } onCancel: {
                    self.giveUp(key: key, id: id)
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(max(0, min(waitLimit, 86_400))))
                return nil
            }
            let first = await group.next() ?? nil
            if first == nil { giveUp(key: key, id: id) }
            var outcome = first
            // The sleeper is cancelled; the waiter answers at once (granted or given up).
            group.cancelAll()
            while let next = await group.next() { if let next { outcome = next } }
            return outcome ?? false
        }
        if granted { return ticket }
        ticket.disarm()
        return nil
    }

    /// Removes a waiter that stopped waiting; resumes it with false if it was still parked.
    private func giveUp(key: String, id: UInt64) {
        let parked = lines.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let index = state.busy[key]?.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.busy[key]?.waiters.remove(at: index).continuation
        }
        parked?.resume(returning: false)
    }

    /// Hands the turn to the next waiter, or frees it.
    fileprivate func release(_ key: String) {
        let next = lines.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard var line = state.busy[key] else { return nil }
            guard !line.waiters.isEmpty else {
                state.busy[key] = nil
                return nil
            }
            let waiter = line.waiters.removeFirst()
            state.busy[key] = line
            return waiter.continuation
        }
        next?.resume(returning: true)
    }
}

/// The right to run the next turn of one session. Released once, by `release()` or deinit.
final class TurnTicket: Sendable {
    private let queue: CID222TurnQueue
    private let key: String
    private let held = Atomic<Bool>(true)

    fileprivate init(queue: CID222TurnQueue, key: String) {
        self.queue = queue
        self.key = key
    }

    func release() {
        if held.exchange(false, ordering: .acquiringAndReleasing) { queue.release(key) }
    }

    /// For a ticket that was never granted: nothing to release.
    fileprivate func disarm() {
        held.store(false, ordering: .releasing)
    }

    deinit { release() }
}
