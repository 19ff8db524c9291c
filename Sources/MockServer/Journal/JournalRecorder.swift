import HTTPServer
import JSONSchema
import Locking

/// Turns a request and its response into a journal entry. A whole body is journaled at once;
/// a stream is journaled when it starts (`streaming`) and completed when it ends, with the
/// bytes actually written and the events they held.
enum JournalRecorder {
    /// Out of line: the entry it builds would otherwise sit in the async frame of its caller.
    @inline(never)
    static func record(
        _ request: HTTPRequest, _ response: HTTPResponse, namespace: String, fault: JSONValue?,
        started: ContinuousClock.Instant, journal: RequestJournal
    ) -> HTTPResponse {
        var entry = JournalEntry(
            id: 0, namespace: namespace, method: request.method, target: request.target, path: request.path,
            status: response.status, outcome: .complete, durationMilliseconds: nil,
            requestHeaders: CredentialMasking.masked(request.headers),
            requestBody: CappedBytes(request.body, limit: journal.bodyLimit),
            responseHeaders: CredentialMasking.masked(response.headers),
            responseBody: CappedBytes(limit: journal.bodyLimit), streamed: false, fault: fault)
        switch response.body {
        case .bytes(let bytes):
            entry.responseBody.append(bytes)
            entry.durationMilliseconds = milliseconds(since: started)
            journal.append(entry)
            return response
        case .resetConnection:
            entry.outcome = .reset
            entry.durationMilliseconds = milliseconds(since: started)
            journal.append(entry)
            return response
        case .stepped(let body):
            entry.streamed = true
            entry.outcome = .streaming
            let id = journal.append(entry)
            var recorded = response
            recorded.body = .stepped(
                JournaledStream(body, id: id, namespace: namespace, journal: journal, started: started))
            return recorded
        case .stream(let body), .writerPacedStream(let body):
            entry.streamed = true
            entry.outcome = .streaming
            let id = journal.append(entry)
            var recorded = response
            recorded.body = response.body.replacingStreamBody { writer in
                let sent = SentBytes(limit: journal.bodyLimit)
                do {
                    try await body(
                        writer.passing { bytes in
                            try await writer.write(bytes)
                            sent.bytes.withLock { $0.append(bytes) }
                        })
                    finish(
                        id: id, namespace: namespace, journal: journal, started: started, sent: sent,
                        .complete, nil)
                } catch let failed as InjectedStreamError {
                    // A designed ending: the client gets a complete response.
                    finish(
                        id: id, namespace: namespace, journal: journal, started: started, sent: sent, .error,
                        failed)
                } catch {
                    let outcome: JournalEntry.Outcome = error is InjectedStreamCut ? .cut : .aborted
                    finish(
                        id: id, namespace: namespace, journal: journal, started: started, sent: sent, outcome,
                        error)
                    throw error
                }
            }
            return recorded
        }
    }

    /// Completes a stream's entry. Kept out of line: inlined into the stream's closure, its
    /// entry copies made that closure's async frame 3.6 KB instead of 0.5, held by every open
    /// stream for as long as it runs.
    @inline(never)
    private static func finish(
        id: Int, namespace: String, journal: RequestJournal, started: ContinuousClock.Instant,
        sent: SentBytes, _ outcome: JournalEntry.Outcome, _ error: (any Error)?
    ) {
        complete(
            id: id, namespace: namespace, journal: journal, started: started,
            sent: sent.bytes.withLock { $0 },
            outcome, error)
    }

    /// Completes a stream's entry with the bytes it wrote.
    static func complete(
        id: Int, namespace: String, journal: RequestJournal, started: ContinuousClock.Instant,
        sent bytes: CappedBytes, _ outcome: JournalEntry.Outcome, _ error: (any Error)?
    ) {
        journal.update(id: id, namespace: namespace) { entry in
            entry.outcome = outcome
            entry.durationMilliseconds = milliseconds(since: started)
            entry.responseBody = bytes
            entry.events = StreamEventData.events(in: bytes.bytes)
            entry.error = error.map { "\($0)" }
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return (ms * 1000).rounded() / 1000
    }
}

/// The bytes a stream has written so far, shared between its writer and its completion.
private final class SentBytes: Sendable {
    let bytes: Locked<CappedBytes>

    init(limit: Int) {
        bytes = Locked(CappedBytes(limit: limit))
    }
}
