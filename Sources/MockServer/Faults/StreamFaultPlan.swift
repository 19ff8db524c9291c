/// Decides, without doing any of it, what the body faults of an action make of a stream's
/// writes: which frames go out, and where a stall, a malformed frame, an `error` event or a
/// cut falls between them. The closure writer (`StreamFaultWriter`) and the stepped one
/// (`SteppedStreamFaults`) carry the plan out, so both apply faults identically.
struct StreamFaultPlan: Sendable {
    /// One thing to do, in order. Frames are ranges of the write they came from, so a plan
    /// holds no copy of the bytes.
    enum Step: Sendable, Equatable {
        /// The write's bytes in `range`, after the bytes held back from earlier writes when
        /// `afterHeld` (they start the first frame that ends in this write).
        case write(range: Range<Int>, afterHeld: Bool)
        case pause(milliseconds: Int)
        case malformedFrame
        /// Send the `error` event and `[DONE]`, then end the stream with `InjectedStreamError`.
        case fail(afterEvents: Int)
        /// End the stream with `InjectedStreamCut`.
        case cut(afterEvents: Int)
    }

    /// The plan for one write: its steps and the held-back bytes its first frame starts with.
    struct WritePlan: Sendable {
        var steps: [Step]
        var held: [UInt8]
    }

    let action: FaultAction
    private var scanner = EventBoundaryScanner()
    private var events = 0
    /// Bytes of an event not yet complete, held back while an `error_after` fault is pending
    /// so the `error` event never lands inside a half-sent event.
    private var partial: [UInt8] = []
    /// Set once an `error` event is planned (after this many events): nothing more is written.
    private(set) var failedAfterEvents: Int?

    init(action: FaultAction) {
        self.action = action
    }

    private var holdsPartial: Bool { action.errorAfterEvents != nil }

    /// What is due before the first event.
    mutating func start() -> [Step] {
        var steps: [Step] = []
        reached(events: 0, into: &steps)
        return steps
    }

    /// The plan for the next write of the stream; nil once the stream has failed.
    mutating func plan(_ bytes: [UInt8]) -> WritePlan? {
        guard failedAfterEvents == nil else { return nil }
        let ends = scanner.feed(bytes)
        var held: [UInt8] = []
        if !ends.isEmpty { swap(&held, &partial) }
        if holdsPartial { partial += bytes[(ends.last ?? 0)...] }
        let first = events
        events += ends.count
        var steps: [Step] = []
        var start = 0
        for (n, end) in ends.enumerated() {
            if holdsPartial && InjectedStreamError.isMessageStop((n == 0 ? held : []) + bytes[start..<end]) {
                failedAfterEvents = first + n
                steps.append(.fail(afterEvents: first + n))
                return WritePlan(steps: steps, held: held)
            }
            steps.append(.write(range: start..<end, afterHeld: n == 0))
            start = end
            if reached(events: first + n + 1, into: &steps) { return WritePlan(steps: steps, held: held) }
        }
        if !holdsPartial && start < bytes.count {
            steps.append(.write(range: start..<bytes.count, afterHeld: false))
        }
        return WritePlan(steps: steps, held: held)
    }

    /// Plans what is due once `events` whole events have been sent; true when the stream
    /// ends there.
    @discardableResult
    private mutating func reached(events: Int, into steps: inout [Step]) -> Bool {
        if action.cutAfterEvents == events {
            steps.append(.cut(afterEvents: events))
            return true
        }
        if let stall = action.stallMilliseconds, action.stallAfterEvents == events {
            steps.append(.pause(milliseconds: stall))
        }
        if action.malformedAfterEvents == events {
            steps.append(.malformedFrame)
        }
        if action.errorAfterEvents == events {
            failedAfterEvents = events
            steps.append(.fail(afterEvents: events))
            return true
        }
        return false
    }
}
