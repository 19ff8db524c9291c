import Foundation
import Testing

@testable import MockServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Each fault kind as a real client (URLSession over a socket) sees it.
@Suite("Faults seen by a real client")
struct LiveFaultTests {
    let environment = AdminTest.environment()

    @Test("a 429 arrives with its status, Retry-After and rate-limit headers and the API's envelope")
    func rateLimit() async throws {
        try await Live.withServer(AdminTest.handler(environment)) { base in
            let result = await Live.send(
                "GET", base.appendingPathComponent("v1/sessions"),
                headers: [("X-Mock-Fault", "status=429;retry_after=2")])
            #expect(result.status == 429)
            #expect(result.header("Retry-After") == "2")
            #expect(result.header("X-RateLimit-Remaining") == "0")
            #expect(result.text.contains(#""code":"rate_limit_exceeded""#))
        }
    }

    @Test("a cut stream ends with a connection error, after the events before the cut and no [DONE]")
    func cut() async throws {
        try await Live.withServer(AdminTest.handler(environment)) { base in
            let result = await Live.send(
                "POST", base.appendingPathComponent("sessions/s1/messages"),
                headers: [("X-Mock-Fault", "cut_after=3")],
                body: "{}")
            #expect(result.status == 200)
            #expect(result.errorCode != nil)
            #expect(result.text.hasPrefix(#"data: {"n":1}"#))
            #expect(!result.text.contains("[DONE]"))
            #expect(!result.text.contains(#"{"n":4}"#))
        }
    }

    @Test("a stall makes the client's own timeout fire")
    func stall() async throws {
        try await Live.withServer(AdminTest.handler(environment)) { base in
            let result = await Live.send(
                "POST", base.appendingPathComponent("sessions/s1/messages"),
                headers: [("X-Mock-Fault", "stall_ms=600000;stall_after=1")], body: "{}", timeout: 1)
            #expect(result.errorCode == URLError.Code.timedOut.rawValue)
            #expect(!result.text.contains("[DONE]"))
        }
    }

    @Test("a reset is seen as a connection error with no response at all")
    func reset() async throws {
        try await Live.withServer(AdminTest.handler(environment)) { base in
            let result = await Live.send(
                "GET", base.appendingPathComponent("v1/sessions"), headers: [("X-Mock-Fault", "reset")])
            #expect(result.status == nil)
            #expect(result.errorCode != nil)
        }
    }

    @Test("a malformed frame reaches the client inside an otherwise complete stream")
    func malformed() async throws {
        try await Live.withServer(AdminTest.handler(environment)) { base in
            let result = await Live.send(
                "POST", base.appendingPathComponent("sessions/s1/messages"),
                headers: [("X-Mock-Fault", "malformed")],
                body: "{}")
            #expect(result.errorCode == nil)
            #expect(result.text.contains(String(decoding: StreamFaultWriter.malformedFrame, as: UTF8.self)))
            #expect(result.text.hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test("times is honoured and a fault in one namespace leaves another alone")
    func timesAndNamespaces() async throws {
        try await Live.withServer(AdminTest.handler(environment)) { base in
            let admin = await Live.send(
                "POST", base.appendingPathComponent("__admin/faults"),
                headers: [("X-Mock-Namespace", "ns-a")],
                body: #"{"path":"/v1/sessions","status":503,"times":2}"#)
            #expect(admin.status == 201)
            let url = base.appendingPathComponent("v1/sessions")
            let other = await Live.send("GET", url, headers: [("X-Mock-Namespace", "ns-b")])
            #expect(other.status == 200)
            var statuses: [Int?] = []
            for _ in 0..<3 {
                statuses.append(await Live.send("GET", url, headers: [("X-Mock-Namespace", "ns-a")]).status)
            }
            #expect(statuses == [503, 503, 200])
        }
    }
}
