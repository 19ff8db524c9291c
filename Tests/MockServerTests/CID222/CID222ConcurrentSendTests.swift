import HTTPServer
import JSONSchema
import SessionsAPI
import Synchronization
import Testing

@testable import MockServer

/// Sends racing on one session take turns (issue 13, finding 8): every stream that starts
/// ends with `message_stop` and is stored, each planned on the turns before it; one that
/// waits too long gets 409 before any event.
@Suite("CID222 concurrent sends on one session")
struct CID222ConcurrentSendTests {
    let client = CID222TestClient()

    /// The stream of one send, not yet run: while it is held, the session's turn is taken.
    func plannedStream(_ sessionID: String, content: String, client: CID222TestClient? = nil) async
        -> HTTPResponse
    {
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer \(CID222TestClient.token())")
        let body = Array(#"{"content":"\#(content)","model":"gpt-4o"}"#.utf8)
        let request = HTTPRequest(
            method: "POST", target: "/sessions/\(sessionID)/messages", headers: headers, body: body)
        return await (client ?? self.client).handler(request)
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

    @Test("a client gone during message_stop gives its turn up: the next send is stored")
    func claimReleasedOnDisconnect() async throws {
        let session = try await client.createSession()
        let response = await plannedStream(session.id, content: "lost")
        guard let stream = response.body.streamBody else {
            Issue.record("expected a stream, got \(response.status)")
            return
        }
        let goneAtStop = HTTPBodyWriter { bytes in
            if String(decoding: bytes, as: UTF8.self).contains(#""type":"message_stop""#) {
                throw RecordingSink.Disconnected()
            }
        }
        await #expect(throws: RecordingSink.Disconnected.self) { try await stream(goneAtStop) }
        let next = await client.send(session.id, content: "kept")
        #expect(try Self.checkTail(next.writes))
        #expect(try await client.detail(session.id).context.first?.content == "kept")
    }

    @Test(
        "CID-SEND-STORES-TURN: ten sends at once are served in turn: each stops, each is stored, each on the turns before it"
    )
    func tenAtOnce() async throws {
        let session = try await client.createSession()
        let client = self.client
        let results = await withTaskGroup(of: (String, CollectedResponse).self) { group in
            for index in 0..<10 {
                group.addTask { ("turn \(index)", await client.send(session.id, content: "turn \(index)")) }
            }
            return await group.reduce(into: [(String, CollectedResponse)]()) { $0.append($1) }
        }
        let context = try await client.detail(session.id).context
        #expect(context.count == 20)
        for (content, response) in results {
            #expect(response.status == 200)
            #expect(try Self.checkTail(response.writes), "\(content) did not end with message_stop")
            // Its turn is stored, with the reply it streamed right after its message.
            let position = try #require(context.firstIndex { $0.role == "user" && $0.content == content })
            #expect(context[position + 1].content == (try response.replyText()))
            // It was planned on every turn before it: its context holds them all.
            let usage = try #require(try response.contextUsage())
            #expect(usage.usage.inputTokens > 0)
        }
        let users = context.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.role)
        #expect(Set(users) == ["user"])
    }

    @Test("a send still waiting past the wait limit gets 409 before any event, and is not stored")
    func waitLimit() async throws {
        var options = CID222TestClient.defaultOptions()
        options.turnWaitLimit = 0.05
        let client = CID222TestClient(options: options)
        let session = try await client.createSession()
        // Holds the session's turn: planned, not yet streamed.
        var holder: HTTPResponse? = await plannedStream(session.id, content: "first", client: client)
        #expect(holder?.status == 200)
        // Straight to the handler: Specs/ does not list this 409 yet, so the test client's
        // schema check would refuse it.
        let waited = await plannedStream(session.id, content: "second", client: client)
        #expect(waited.status == 409)
        guard case .bytes(let errorBody) = waited.body else {
            Issue.record("expected a JSON error before any event")
            return
        }
        #expect(String(decoding: errorBody, as: UTF8.self).contains(#""error":"Conflict""#))
        // A response dropped unsent frees the turn (its ticket's deinit): the next send runs.
        holder = nil
        let third = await client.send(session.id, content: "third")
        #expect(try Self.checkTail(third.writes))
        #expect(try await client.detail(session.id).context.map(\.content).first == "third")
    }

    @Test("a send waiting for its turn is planned on the turn that was streaming when it arrived")
    func waiterSeesEarlierTurn() async throws {
        let session = try await client.createSession()
        let first = await plannedStream(session.id, content: "first")
        guard let firstStream = first.body.streamBody else {
            Issue.record("expected a stream")
            return
        }
        let client = self.client
        let second = Task { await client.send(session.id, content: "second") }
        let sink = RecordingSink()
        try await firstStream(sink.writer)
        let secondResponse = await second.value
        #expect(try Self.checkTail(sink.recorded))
        #expect(try Self.checkTail(secondResponse.writes))
        let firstReply = try CollectedResponse(
            status: 200, headers: HTTPHeaders(), body: [], writes: sink.recorded, streamed: true
        ).replyText()
        let stored = try await client.detail(session.id).context.map(\.content)
        #expect(stored == ["first", firstReply, "second", try secondResponse.replyText()])
    }
}
