import HTTPServer
import Locking
import SessionsAPI

/// Writes a planned turn and commits it. The last planned event is `message_stop` (or
/// `input_rejected`'s `message_stop`, which stores nothing). Sends into one session take
/// turns (`CID222TurnQueue`), so another send cannot commit in between; before
/// `message_stop` the turn still claims the session in the store, and one that cannot (the
/// session was deleted, reset or replaced by an import meanwhile) sends an `error` event of
/// type `conflict` in place of `message_stop`, then `[DONE]`, and stores nothing, so `error`
/// never follows `message_stop`.
/// Once claimed, the turn writes `message_stop` and commits, or gives the claim up when the
/// client went away during that write (or a fault ended the stream there).
/// Stepped (`SteppedBody`): a stream that stalls holds this object and nothing else.
final class CID222TurnStream: SteppedBody {
    private enum Stage {
        case events
        /// `message_stop` was handed out under the claim: committed once it is written.
        case stopHandedOut
        /// Only `[DONE]` is left.
        case done
        case ended
    }

    private struct Progress {
        /// The planned events, each taken out as it is handed out: a stream that stalls
        /// holds its unsent bytes once, not a second time as planned events.
        var events: [[UInt8]]
        var index = 0
        /// Whether the pause before the event at `index` is over.
        var pausedBeforeIndex = false
        var stage = Stage.events
    }

    private let progress: Locked<Progress>
    private let eventCount: Int
    private let commit: CID222TurnCommit?
    private let delays: [Int]
    private let store: CID222Store
    private let clock: MockClock
    private let namespace: String
    private let tenant: String
    private let sessionID: String
    /// Released when the stream ends; dropped unsent, the ticket's deinit frees the turn.
    private let ticket: TurnTicket?

    init(
        turn: CID222PlannedTurn, delays: [Int], store: CID222Store, clock: MockClock, namespace: String,
        tenant: String, sessionID: String, ticket: TurnTicket? = nil
    ) {
        progress = Locked(Progress(events: turn.events))
        eventCount = turn.events.count
        commit = turn.commit
        self.delays = delays
        self.store = store
        self.clock = clock
        self.namespace = namespace
        self.tenant = tenant
        self.sessionID = sessionID
        self.ticket = ticket
    }

    static let conflict = CID222StreamError(
        type: "conflict",
        message:
            "Another message to this session was being answered, or the session was deleted; this turn was not stored, send it again"
    )

    static let conflictFrame = SSEFraming.event(conflict)

    /// Events with no delay between them go out in one write: a turn of twenty events cost
    /// twenty `send` calls (and as many wake-ups of the client) when nothing paced them.
    func next() -> BodyStep {
        progress.withLock { progress in step(&progress) }
    }

    private func step(_ progress: inout Progress) -> BodyStep {
        switch progress.stage {
        case .ended:
            return .end
        case .done:
            progress.stage = .ended
            return .write(SSEFraming.done)
        case .stopHandedOut:
            // Asked for more: `message_stop` reached the client.
            if let commit { settle(commit) }
            progress.stage = .ended
            return .write(SSEFraming.done)
        case .events:
            break
        }
        let index = progress.index
        guard index < eventCount else {
            progress.stage = .ended
            return .write(SSEFraming.done)
        }
        if !progress.pausedBeforeIndex, delay(before: index) > 0 {
            progress.pausedBeforeIndex = true
            return .pause(milliseconds: delay(before: index))
        }
        progress.pausedBeforeIndex = false
        if index == eventCount - 1, let commit {
            progress.index += 1
            guard claim(commit) else {
                progress.events[index] = []
                progress.stage = .done
                return .write(Self.conflictFrame)
            }
            progress.stage = .stopHandedOut
            return .write(take(index, from: &progress))
        }
        // A run of events: up to the next delay, or to message_stop when the turn commits.
        var run: [UInt8] = []
        run.reserveCapacity(runBytes(from: index, progress))
        repeat {
            run += take(progress.index, from: &progress)
            progress.index += 1
        } while progress.index < eventCount && delay(before: progress.index) == 0
            && !(progress.index == eventCount - 1 && commit != nil)
        if progress.index == eventCount {
            run += SSEFraming.done
            progress.stage = .ended
        }
        return .write(run)
    }

    /// A stream that ends before `message_stop` was written gives its claim up.
    func finish(_ ending: StreamEnding) {
        let stage = progress.withLock { progress in
            defer { progress.stage = .ended }
            return progress.stage
        }
        if case .stopHandedOut = stage {
            if case .completed = ending, let commit { settle(commit) } else { giveUpClaim() }
        }
        ticket?.release()
    }

    private func delay(before index: Int) -> Int {
        index < delays.count ? delays[index] : 0
    }

    private func take(_ index: Int, from progress: inout Progress) -> [UInt8] {
        defer { progress.events[index] = [] }
        return progress.events[index]
    }

    private func claim(_ commit: CID222TurnCommit) -> Bool {
        store.claimTurn(
            namespace: namespace, tenant: tenant, id: sessionID,
            expectedMessageCount: commit.expectedMessageCount)
    }

    private func giveUpClaim() {
        store.releaseTurn(namespace: namespace, id: sessionID)
    }

    /// Under the claim only a delete, reset or snapshot import can make the commit refuse:
    /// that reads as the turn committed just before them, so nothing more is said.
    private func settle(_ commit: CID222TurnCommit) {
        _ = store.commit(namespace: namespace, tenant: tenant, id: sessionID, turn: commit, now: clock.now)
    }

    /// Bytes of the run of events from `start`: up to the next delay, or message_stop when
    /// the turn commits, plus [DONE] when the run reaches the end. Sized once: grown by
    /// doubling, a stalled stream would hold up to twice its bytes.
    private func runBytes(from start: Int, _ progress: Progress) -> Int {
        var total = 0
        var index = start
        while index < eventCount {
            if index > start, delay(before: index) > 0 { return total }
            if index == eventCount - 1, commit != nil, index > start { return total }
            total += progress.events[index].count
            index += 1
        }
        return total + SSEFraming.done.count
    }
}
