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
/// client went away during that write.
struct CID222TurnStream: Sendable {
    /// The planned events, each taken out as it is batched or sent: a stream that stalls
    /// holds its unsent bytes once, not a second time as planned events. A box rather than
    /// a consuming `write`, which would copy the whole stream into its async frame.
    private let events: Locked<[[UInt8]]>
    private let eventCount: Int
    private let commit: CID222TurnCommit?
    var delays: [Int]
    var store: CID222Store
    var clock: MockClock
    var namespace: String
    var tenant: String
    var sessionID: String

    init(
        turn: CID222PlannedTurn, delays: [Int], store: CID222Store, clock: MockClock, namespace: String,
        tenant: String, sessionID: String
    ) {
        events = Locked(turn.events)
        eventCount = turn.events.count
        commit = turn.commit
        self.delays = delays
        self.store = store
        self.clock = clock
        self.namespace = namespace
        self.tenant = tenant
        self.sessionID = sessionID
    }

    static let conflict = CID222StreamError(
        type: "conflict",
        message:
            "Another message to this session was being answered, or the session was deleted; this turn was not stored, send it again"
    )

    static let conflictFrame = SSEFraming.event(conflict)

    /// Events with no delay between them go out in one write: a turn of twenty events cost
    /// twenty `send` calls (and as many wake-ups of the client) when nothing paced them.
    func write(to writer: HTTPBodyWriter) async throws {
        let stopIndex = eventCount - 1
        var pending: [UInt8] = []
        for index in 0..<eventCount {
            let event = take(index)
            let delay = index < delays.count ? delays[index] : 0
            if delay > 0 {
                try await flush(&pending, to: writer)
                try await writer.pause(milliseconds: delay)
            }
            guard index == stopIndex, let commit else {
                // Sized once for the run of events it will hold: grown by doubling, a stalled
                // stream would hold up to twice its bytes.
                if pending.isEmpty {
                    pending.reserveCapacity(runBytes(from: index, sized: event.count, stopIndex: stopIndex))
                }
                pending += event
                continue
            }
            try await flush(&pending, to: writer)
            guard claim(commit) else {
                try await writer.write(Self.conflictFrame)
                break
            }
            do {
                try await writer.write(event)
            } catch {
                giveUpClaim()
                throw error
            }
            settle(commit)
        }
        pending += SSEFraming.done
        try await flush(&pending, to: writer)
    }

    @inline(never)
    private func take(_ index: Int) -> [UInt8] {
        events.withLock { events in
            defer { events[index] = [] }
            return events[index]
        }
    }

    // Out of line, as the store's work would otherwise widen the async frame of `write`,
    // which an open stream holds for as long as it runs.
    @inline(never)
    private func claim(_ commit: CID222TurnCommit) -> Bool {
        store.claimTurn(
            namespace: namespace, tenant: tenant, id: sessionID,
            expectedMessageCount: commit.expectedMessageCount)
    }

    @inline(never)
    private func giveUpClaim() {
        store.releaseTurn(namespace: namespace, id: sessionID)
    }

    /// Under the claim only a delete, reset or snapshot import can make the commit refuse:
    /// that reads as the turn committed just before them, so nothing more is said.
    @inline(never)
    private func settle(_ commit: CID222TurnCommit) {
        _ = store.commit(namespace: namespace, tenant: tenant, id: sessionID, turn: commit, now: clock.now)
    }

    /// Bytes of the events from `start` that go out in one write with it: up to the next
    /// delay, or message_stop when the turn commits, plus [DONE] when the run reaches the end.
    /// `first` is the size of the event at `start`, already taken out of the box.
    private func runBytes(from start: Int, sized first: Int, stopIndex: Int) -> Int {
        var total = 0
        var index = start
        let events = self.events.withLock { $0 }
        while index < eventCount {
            if index > start, index < delays.count, delays[index] > 0 { return total }
            if index == stopIndex, commit != nil { return total }
            total += index == start ? first : events[index].count
            index += 1
        }
        return total + SSEFraming.done.count
    }

    private func flush(_ pending: inout [UInt8], to writer: HTTPBodyWriter) async throws {
        guard !pending.isEmpty else { return }
        let bytes = pending
        pending = []
        try await writer.write(bytes)
    }
}
