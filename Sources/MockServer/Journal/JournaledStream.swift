import HTTPServer
import Locking

/// A stepped stream that journals what it wrote when it ends, as `JournalRecorder` does for
/// a body closure: completed, ended by an `error` fault (the client still gets a complete
/// response), cut, or aborted by the client.
final class JournaledStream: SteppedBody {
    private struct State: Sendable {
        var sent: CappedBytes
        /// The last write handed out; it reached the client once the next step is asked for.
        var handedOut: [UInt8] = []
        /// Set when this stream has ended the inner one itself (an `error` fault's ending).
        var innerFinished = false
        var journaled = false
    }

    private let inner: any SteppedBody
    private let id: Int
    private let namespace: String
    private let journal: RequestJournal
    private let started: ContinuousClock.Instant
    private let state: Locked<State>

    init(
        _ inner: any SteppedBody, id: Int, namespace: String, journal: RequestJournal,
        started: ContinuousClock.Instant
    ) {
        self.inner = inner
        self.id = id
        self.namespace = namespace
        self.journal = journal
        self.started = started
        state = Locked(State(sent: CappedBytes(limit: journal.bodyLimit)))
    }

    func next() throws -> BodyStep {
        state.withLock { state in
            state.sent.append(state.handedOut)
            state.handedOut = []
        }
        do {
            let step = try inner.next()
            if case .write(let bytes) = step { state.withLock { $0.handedOut = bytes } }
            return step
        } catch let failed as InjectedStreamError {
            // A designed ending: the stream ends here as if complete.
            inner.finish(.failed(failed))
            state.withLock { $0.innerFinished = true }
            record(.error, failed)
            return .end
        }
    }

    func finish(_ ending: StreamEnding) {
        let innerFinished = state.withLock { $0.innerFinished }
        if !innerFinished { inner.finish(ending) }
        switch ending {
        case .completed:
            record(.complete, nil)
        case .failed(let error):
            record(error is InjectedStreamCut ? .cut : .aborted, error)
        case .clientGone(let error):
            record(.aborted, error)
        }
    }

    /// Journals the ending once, with the bytes that reached the client.
    private func record(_ outcome: JournalEntry.Outcome, _ error: (any Error)?) {
        let sent = state.withLock { state -> CappedBytes? in
            guard !state.journaled else { return nil }
            state.journaled = true
            return state.sent
        }
        guard let sent else { return }
        JournalRecorder.complete(
            id: id, namespace: namespace, journal: journal, started: started, sent: sent, outcome, error)
    }
}
