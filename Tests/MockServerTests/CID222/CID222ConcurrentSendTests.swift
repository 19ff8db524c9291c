import HTTPServer
import JSONSchema
import SessionsAPI
import Synchronization
import Testing

@testable import MockServer

/// Two sends racing on one session: the contract lets an `error` event stand in place of
/// `message_stop`, never after it, and only one of the turns may be stored.
@Suite("CID222 concurrent sends on one session")
struct CID222ConcurrentSendTests {
    let client = CID222TestClient()

    /// The streams of `count` sends planned against the same (empty) history.
    func plannedStreams(_ sessionID: String, count: Int) async
        -> [@Sendable (HTTPBodyWriter) async throws -> Void]
    {
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer \(CID222TestClient.token())")
        var streams: [@Sendable (HTTPBodyWriter) async throws -> Void] = []
        for index in 0..<count {
            let body = Array(#"{"content":"turn \#(index)","model":"gpt-4o"}"#.utf8)
            let request = HTTPRequest(
                method: "POST", target: "/sessions/\(sessionID)/messages", headers: headers, body: body)
            let response = await client.handler(request)
            guard case .stream(let produce) = response.body else {
                Issue.record("send \(index) answered \(response.status), not a stream")
                continue
            }
            streams.append(produce)
        }
        return streams
    }

    /// The event types of a stream, `[DONE]` included as itself.
    static func types(_ writes: [[UInt8]]) throws -> [String] {
        try CID222StreamReader.dataPayloads(writes: writes).map { payload in
            payload == "[DONE]" ? payload : try JSONValue.parse(payload)["type"]?.stringValue ?? "?"
        }
    }

    /// Checks one stream's tail: `… context_usage, message_stop, [DONE]` or
    /// `… context_usage, error(conflict), [DONE]`, never both. Returns whether it stopped.
    static func checkTail(_ writes: [[UInt8]]) throws -> Bool {
        let types = try types(writes)
        #expect(types.last == "[DONE]")
        let stopped = types.contains("message_stop")
        let failed = types.contains("error")
        #expect(stopped != failed, "one of message_stop and error, not both: \(types)")
        #expect(Array(types.suffix(3)) == ["context_usage", stopped ? "message_stop" : "error", "[DONE]"])
        for payload in CID222StreamReader.dataPayloads(writes: writes) where payload != "[DONE]" {
            CID222SchemaCheck.checkEvent(payload)
        }
        return stopped
    }

    @Test(
        "CID-STREAM-ORDER: a send that loses the race while the winner is writing message_stop gets error in its place"
    )
    func loserWhileWinnerStops() async throws {
        let session = try await client.createSession()
        let streams = await plannedStreams(session.id, count: 2)
        try #require(streams.count == 2)
        let gate = StopGate()
        let winner = Task { try await streams[0](gate.writer) }
        await gate.reachedStop()
        let loser = RecordingSink()
        try await streams[1](loser.writer)
        gate.release()
        try await winner.value

        #expect(try Self.checkTail(gate.sink.recorded))
        #expect(try !Self.checkTail(loser.recorded))
        let context = try await client.detail(session.id).context
        #expect(context.map(\.content).first == "turn 0")
        #expect(context.count == 2)
    }

    @Test(
        "CID-STREAM-ORDER: a send planned against a history that changed gets error in place of message_stop")
    func staleAfterCommit() async throws {
        let session = try await client.createSession()
        let streams = await plannedStreams(session.id, count: 2)
        try #require(streams.count == 2)
        let first = RecordingSink()
        try await streams[0](first.writer)
        let second = RecordingSink()
        try await streams[1](second.writer)
        #expect(try Self.checkTail(first.recorded))
        #expect(try !Self.checkTail(second.recorded))
        #expect(try await client.detail(session.id).context.map(\.content).first == "turn 0")
    }

    @Test("a client gone during message_stop gives its claim up: the next send is stored")
    func claimReleasedOnDisconnect() async throws {
        let session = try await client.createSession()
        let streams = await plannedStreams(session.id, count: 1)
        try #require(streams.count == 1)
        let goneAtStop = HTTPBodyWriter { bytes in
            if String(decoding: bytes, as: UTF8.self).contains(#""type":"message_stop""#) {
                throw RecordingSink.Disconnected()
            }
        }
        await #expect(throws: RecordingSink.Disconnected.self) { try await streams[0](goneAtStop) }
        let next = await client.send(session.id, content: "kept")
        #expect(try Self.checkTail(next.writes))
        #expect(try await client.detail(session.id).context.first?.content == "kept")
    }

    @Test("CID-SEND-STORES-TURN: of eight sends streamed at once exactly one stops and is stored")
    func eightAtOnce() async throws {
        let session = try await client.createSession()
        let streams = await plannedStreams(session.id, count: 8)
        try #require(streams.count == 8)
        let results = try await withThrowingTaskGroup(of: (Int, [[UInt8]]).self) { group in
            for (index, stream) in streams.enumerated() {
                group.addTask {
                    let sink = RecordingSink()
                    try await stream(sink.writer)
                    return (index, sink.recorded)
                }
            }
            return try await group.reduce(into: [(Int, [[UInt8]])]()) { $0.append($1) }
        }
        var winners: [Int] = []
        for (index, writes) in results where try Self.checkTail(writes) { winners.append(index) }
        try #require(winners.count == 1)
        let context = try await client.detail(session.id).context
        #expect(context.map(\.content).first == "turn \(winners[0])")
        #expect(context.count == 2)
    }
}

/// A writer that holds the `message_stop` write until released, so a test can run another
/// stream while this one sits exactly there.
final class StopGate: Sendable {
    let sink = RecordingSink()
    private let reached = AsyncStream<Void>.makeStream()
    private let released = AsyncStream<Void>.makeStream()

    var writer: HTTPBodyWriter {
        HTTPBodyWriter { bytes in
            try await self.sink.writer.write(bytes)
            if String(decoding: bytes, as: UTF8.self).contains(#""type":"message_stop""#) {
                self.reached.continuation.yield()
                for await _ in self.released.stream { break }
            }
        }
    }

    func reachedStop() async {
        for await _ in reached.stream { break }
    }

    func release() {
        released.continuation.yield()
    }
}
