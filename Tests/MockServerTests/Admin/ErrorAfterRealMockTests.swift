import Foundation
import HTTPServer
import JSONSchema
import SessionsAPI
import Testing

@testable import MockServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `error_after` against the real CID222 mock: the error event's shape, no `message_stop`,
/// and nothing stored, in process and as a real URLSession client sees it.
@Suite("error_after against the real CID222 mock")
struct ErrorAfterRealMockTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { MockServer.makeHandler(environment: environment) }

    var auth: (String, String) { AdminTest.cid222Auth(environment) }

    static let send = #"{"content":"Tell me about my order","model":"gpt-4o"}"#

    func newSession() async throws -> String {
        try await AdminTest.newCID222Session(handler, auth: auth)
    }

    func history(_ id: String) async throws -> [JSONValue] {
        let detail = await handler(AdminTest.request("GET", "/sessions/\(id)", headers: [auth]))
        return try await AdminTest.json(detail)["context"]?.array ?? []
    }

    /// The stream's events decoded as CID222 events, and whether it ended with `[DONE]`.
    static func decode(_ text: String) throws -> (events: [CID222StreamEvent], done: Bool) {
        var payloads = StreamEventData.events(in: Array(text.utf8))
        let done = payloads.last == "[DONE]"
        if done { payloads.removeLast() }
        let events = try payloads.map {
            try JSONDecoder().decode(CID222StreamEvent.self, from: Data($0.utf8))
        }
        return (events, done)
    }

    @Test(
        "two real events, then the error event and [DONE]; no message_stop, nothing stored, and a retry works"
    )
    func failsMidway() async throws {
        let id = try await newSession()
        let failed = await handler(
            AdminTest.request(
                "POST", "/sessions/\(id)/messages", headers: [auth, ("X-Mock-Fault", "error_after=2")],
                body: Self.send))
        #expect(failed.status == 200)
        let (bytes, error) = await AdminTest.collect(failed)
        #expect(error == nil)
        let (events, done) = try Self.decode(String(decoding: bytes, as: UTF8.self))
        #expect(done)
        #expect(events.count == 3)
        guard case .error(let streamError)? = events.last else {
            Issue.record("the last event is not an error: \(events)")
            return
        }
        #expect(streamError.error.type == FaultAction.defaultErrorType)
        #expect(!streamError.error.message.isEmpty)
        #expect(!events.contains { if case .messageStop = $0 { true } else { false } })
        #expect(try await history(id).isEmpty)

        let retry = await handler(
            AdminTest.request("POST", "/sessions/\(id)/messages", headers: [auth], body: Self.send))
        #expect(await AdminTest.text(retry).contains(#""type":"message_stop""#))
        #expect(try await history(id).count == 2)
    }

    @Test("a count past the reply's length puts the error where message_stop would have been")
    func replacesMessageStop() async throws {
        let id = try await newSession()
        let failed = await handler(
            AdminTest.request(
                "POST", "/sessions/\(id)/messages", headers: [auth, ("X-Mock-Fault", "error_after=100000")],
                body: Self.send))
        let (events, done) = try Self.decode(await AdminTest.text(failed))
        #expect(done)
        #expect(events.count > 1)
        guard case .error? = events.last else {
            Issue.record("the last event is not an error: \(events)")
            return
        }
        #expect(!events.contains { if case .messageStop = $0 { true } else { false } })
        #expect(try await history(id).isEmpty)
    }

    @Test("a real client gets a complete 200 response ending in the error event and [DONE]")
    func liveClient() async throws {
        let id = try await newSession()
        try await Live.withServer(handler) { base in
            let result = await Live.send(
                "POST", base.appendingPathComponent("sessions/\(id)/messages"),
                headers: [
                    auth, ("X-Mock-Fault", "error_after=1;error_type=overloaded_error;message=try later"),
                ],
                body: Self.send)
            #expect(result.status == 200)
            #expect(result.errorCode == nil)
            #expect(result.header("Content-Type")?.hasPrefix("text/event-stream") == true)
            #expect(
                result.text.hasSuffix(
                    "data: {\"error\":{\"message\":\"try later\",\"type\":\"overloaded_error\"},\"type\":\"error\"}\n\n"
                        + "data: [DONE]\n\n"))
            #expect(!result.text.contains("message_stop"))
            #expect(StreamEventData.events(in: result.body).count == 3)
        }
        #expect(try await history(id).isEmpty)
    }
}
