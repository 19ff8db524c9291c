import HTTPServer
import SessionsAPI
import Testing

@testable import MockServer

@Suite("CID222 blocklist: input_rejected, no tokens, nothing stored")
struct CID222BlocklistTests {
    @Test(
        "CID-STREAM-INPUT-REJECTED: a blocked prompt streams filter warnings, input_rejected, message_stop(input_rejected), [DONE]"
    )
    func rejected() async throws {
        var options = CID222TestClient.defaultOptions()
        options.blocklist = ["", "Forbidden Topic"]
        let client = CID222TestClient(options: options)
        let session = try await client.createSession()
        let response = await client.send(session.id, content: "mail me at a@b.io about the FORBIDDEN topic")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/event-stream")
        let events = try response.events()
        #expect(events.count == 3)
        guard case .filterWarning(let warning) = events[0] else {
            Issue.record("expected a filter_warning first")
            return
        }
        #expect(warning.entity == "email")
        guard case .inputRejected(let rejection) = events[1] else {
            Issue.record("expected input_rejected")
            return
        }
        #expect(rejection.reason == "blocked_content")
        #expect(!rejection.message.isEmpty)
        #expect(events[2] == .messageStop(CID222MessageStop(stopReason: "input_rejected")))
        #expect(response.dataLines.last == "[DONE]")
        let detail = try await client.detail(session.id)
        #expect(detail.context.isEmpty)
        #expect(detail.session == session)
    }

    @Test("a prompt without a blocked term is answered normally")
    func notBlocked() async throws {
        var options = CID222TestClient.defaultOptions()
        options.blocklist = ["forbidden"]
        let client = CID222TestClient(options: options)
        let session = try await client.createSession()
        let response = await client.send(session.id, content: "a permitted question")
        #expect(try response.events().last == .messageStop(CID222MessageStop(stopReason: "end_turn")))
        #expect(try await client.detail(session.id).context.count == 2)
    }
}
