/// Why a wait for readiness ended without the descriptor becoming ready.
enum IOWaitError: Error, Equatable {
    /// The connection's deadline (header or idle timeout) passed.
    case timedOut
    /// The server is shutting down and this connection was idle.
    case shuttingDown
    /// The descriptor is no longer registered.
    case closed
    /// A wait for hang-up was ended by `EventLoop.endHangupWatch`: what it watched is done.
    case watchEnded
}

/// Where a connection is in its life; the sweep and shutdown act on it.
enum ConnectionPhase: Sendable, Equatable {
    case listener
    /// Waiting for the first byte of a request: closed at shutdown.
    case idle
    case readingHead
    case readingBody
    /// A handler or a response is running.
    case active
    /// Lingering after an error response, discarding input until the peer closes.
    case closing
}

enum Interest {
    case read
    case write
    case hangup
}

/// The loop's record for one registered descriptor. Readiness bits are sticky until a waiter
/// consumes them, so an edge that fires while nobody waits is not lost.
struct ReadinessSlot {
    let generation: UInt32
    var readable = false
    var writable = false
    var peerClosed = false
    var broken = false
    var phase: ConnectionPhase
    /// Monotonic nanoseconds after which the sweep fails the connection's waits.
    var deadline: UInt64
    /// The deadline a blocked write replaced with its write timeout, until the write ends.
    var deadlineBeforeWrite: UInt64?
    var failure: IOWaitError?
    /// `endHangupWatch` came before the wait it ends was parked: that wait ends at once.
    var hangupWatchEnded = false
    var readWaiter: CheckedContinuation<Void, any Error>?
    var writeWaiter: CheckedContinuation<Void, any Error>?
    var hangupWaiter: CheckedContinuation<Void, any Error>?
    /// A paused stream, woken by the loop's timer at `timerDeadline` or by a hang-up
    /// (`EventLoop.pause`).
    var timerWaiter: CheckedContinuation<Void, any Error>?
    var timerDeadline: UInt64 = 0

    init(generation: UInt32, phase: ConnectionPhase, deadline: UInt64) {
        self.generation = generation
        self.phase = phase
        self.deadline = deadline
    }

    /// Consumes readiness for `interest` if present.
    mutating func takeReadiness(_ interest: Interest) -> Bool {
        switch interest {
        case .read:
            if readable || peerClosed || broken {
                readable = false
                return true
            }
        case .write:
            // A half-closed peer may still read, so only real writability or a broken socket wake a writer.
            if writable || broken {
                writable = false
                return true
            }
        case .hangup:
            return peerClosed || broken
        }
        return false
    }

    mutating func park(_ interest: Interest, _ continuation: CheckedContinuation<Void, any Error>) {
        switch interest {
        case .read: readWaiter = continuation
        case .write: writeWaiter = continuation
        case .hangup: hangupWaiter = continuation
        }
    }

    mutating func unpark(_ interest: Interest) -> CheckedContinuation<Void, any Error>? {
        switch interest {
        case .read:
            defer { readWaiter = nil }
            return readWaiter
        case .write:
            defer { writeWaiter = nil }
            return writeWaiter
        case .hangup:
            defer { hangupWaiter = nil }
            return hangupWaiter
        }
    }

    mutating func unparkAll() -> [CheckedContinuation<Void, any Error>] {
        defer { timerWaiter = nil }
        return [unpark(.read), unpark(.write), unpark(.hangup), timerWaiter].compactMap { $0 }
    }

    /// Applies an event; returns the waiters it wakes. A woken waiter consumes the readiness,
    /// an unclaimed one is remembered.
    mutating func apply(_ event: ReadinessEvent) -> [CheckedContinuation<Void, any Error>] {
        var woken: [CheckedContinuation<Void, any Error>] = []
        if event.broken { broken = true }
        if event.peerClosed { peerClosed = true }
        if event.readable || event.peerClosed || event.broken {
            if let w = unpark(.read) { woken.append(w) } else if event.readable { readable = true }
        }
        if event.writable || event.broken {
            if let w = unpark(.write) { woken.append(w) } else if event.writable { writable = true }
        }
        if peerClosed || broken, let w = unpark(.hangup) { woken.append(w) }
        // A pause ends on a hang-up too (`EventLoop.pause` then throws): a writer-paced stream
        // has no other watcher.
        if peerClosed || broken, let w = timerWaiter {
            timerWaiter = nil
            woken.append(w)
        }
        return woken
    }
}
