import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 disconnects: a turn is stored whole after message_stop, or not at all")
struct CID222DisconnectTests {
    let client = CID222TestClient()

    @Test(
        "CID-ERROR-REJECTED-NO-CHANGE: a client gone before message_stop leaves nothing stored",
        arguments: [0, -1])
    func goneEarly(failAt: Int) async throws {
        // Unpaced, a turn is three writes: the events before message_stop, message_stop, [DONE].
        let eventWrites = try await Self.writesOfFullTurn() - 1  // without [DONE]
        #expect(eventWrites == 2)
        let session = try await client.createSession()
        let cut = failAt >= 0 ? failAt : eventWrites - 1  // -1: the message_stop write fails
        let response = await client.send(session.id, content: "hello", sink: RecordingSink(failAt: cut))
        #expect(response.writes.count == cut)
        let detail = try await client.detail(session.id)
        #expect(detail.context.isEmpty)
        #expect(detail.session == session)
    }

    /// How many writes the same turn makes in a twin mock (same seed, same first session id).
    static func writesOfFullTurn() async throws -> Int {
        let twin = CID222TestClient()
        let session = try await twin.createSession()
        return await twin.send(session.id, content: "hello").writes.count
    }

    @Test("a client gone only at [DONE] has the whole turn stored")
    func goneAtDone() async throws {
        let writes = try await Self.writesOfFullTurn()
        let session = try await client.createSession()
        let response = await client.send(
            session.id, content: "hello", sink: RecordingSink(failAt: writes - 1))
        let reply = try response.replyText()
        let detail = try await client.detail(session.id)
        #expect(detail.context.map(\.content) == ["hello", reply])
    }

    @Test(
        "CID-STREAM-ERROR-EVENT: a turn whose session is deleted while it streams is not stored and ends with an error event"
    )
    func conflict() async throws {
        let session = try await client.createSession()
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer \(CID222TestClient.token())")
        let body = Array(#"{"content":"hi","model":"gpt-4o"}"#.utf8)
        let request = HTTPRequest(
            method: "POST", target: "/sessions/\(session.id)/messages", headers: headers, body: body)
        // Concurrent sends take turns, so only a delete, reset or import can change the
        // history under a planned turn.
        let planned = await client.handler(request)
        guard let write = planned.body.streamBody else {
            Issue.record("expected a stream")
            return
        }
        #expect(await client.request("DELETE", "/sessions/\(session.id)").status == 204)
        let sink = RecordingSink()
        try await write(sink.writer)
        let payloads = CID222StreamReader.dataPayloads(sink.recorded.flatMap { $0 })
        #expect(payloads.last == "[DONE]")
        for payload in payloads.dropLast() { CID222SchemaCheck.checkEvent(payload) }
        let error = try WireJSON.decode(
            CID222StreamEvent.self, from: Array(payloads[payloads.count - 2].utf8))
        guard case .error(let detail) = error else {
            Issue.record("expected an error event, got \(error)")
            return
        }
        #expect(detail.error.type == "conflict")
        // The error stands in place of message_stop (contract.md, CID222 stream order).
        #expect(!payloads.contains { $0.contains(#""type":"message_stop""#) })
        #expect(await client.request("GET", "/sessions/\(session.id)").status == 404)
    }
}
