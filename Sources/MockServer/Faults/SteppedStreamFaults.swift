import HTTPServer
import Locking

/// A stepped stream with the body faults of an action applied at event boundaries, as
/// `StreamFaultWriter` applies them to a body closure (both follow `StreamFaultPlan`).
final class SteppedStreamFaults: SteppedBody {
    private struct State: Sendable {
        var plan: StreamFaultPlan
        var started = false
        /// The write being carried out, and how far.
        var bytes: [UInt8] = []
        var held: [UInt8] = []
        var steps: [StreamFaultPlan.Step] = []
        var nextStep = 0
        /// Set once the `error` event of a `fail` step is out: the next call ends the stream.
        var failedAfterEvents: Int?
    }

    private let inner: any SteppedBody
    private let action: FaultAction
    private let state: Locked<State>

    init(_ inner: any SteppedBody, action: FaultAction) {
        self.inner = inner
        self.action = action
        state = Locked(State(plan: StreamFaultPlan(action: action)))
    }

    func next() throws -> BodyStep {
        try state.withLock { state in
            if let events = state.failedAfterEvents { throw InjectedStreamError(afterEvents: events) }
            while true {
                if state.nextStep < state.steps.count {
                    let step = state.steps[state.nextStep]
                    state.nextStep += 1
                    if case .fail(let events) = step { state.failedAfterEvents = events }
                    return try body(for: step, of: state)
                }
                // The write is done with: let go of it before a stall.
                state.steps = []
                state.nextStep = 0
                state.bytes = []
                state.held = []
                if !state.started {
                    state.started = true
                    state.steps = state.plan.start()
                    continue
                }
                switch try inner.next() {
                case .write(let bytes):
                    guard let next = state.plan.plan(bytes) else {
                        throw InjectedStreamError(afterEvents: state.plan.failedAfterEvents ?? 0)
                    }
                    state.steps = next.steps
                    state.held = next.held
                    state.bytes = bytes
                case .pause(let milliseconds):
                    return .pause(milliseconds: milliseconds)
                case .end:
                    return .end
                }
            }
        }
    }

    private func body(for step: StreamFaultPlan.Step, of state: State) throws -> BodyStep {
        switch step {
        case .write(let range, let afterHeld):
            return .write((afterHeld ? state.held : []) + state.bytes[range])
        case .pause(let milliseconds):
            return .pause(milliseconds: milliseconds)
        case .malformedFrame:
            return .write(StreamFaultWriter.malformedFrame)
        case .fail:
            // The `error` event goes out first; the stream ends at the step after it.
            return .write(InjectedStreamError.frames(for: action))
        case .cut(let events):
            throw InjectedStreamCut(afterEvents: events)
        }
    }

    func finish(_ ending: StreamEnding) {
        inner.finish(ending)
    }
}
