import Foundation
import HTTPServer
import JSONSchema
import SessionsAPI
import Synchronization
import Testing

@testable import MockServer

@Suite("Fault injection, in process")
struct FaultInjectionTests {
    let environment = AdminTest.environment()
    var handler: HTTPHandler { AdminTest.handler(environment) }

    @Test("an inline 429 answers in Konnect's envelope with Retry-After and rate-limit headers")
    func konnectRateLimit() async throws {
        let response = await handler(
            AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Fault", "status=429;retry_after=2")]))
        #expect(response.status == 429)
        #expect(response.headers["Retry-After"] == "2")
        #expect(response.headers["X-RateLimit-Remaining"] == "0")
        #expect(response.headers["X-RateLimit-Limit"] == "60")
        let body = try await AdminTest.json(response)
        #expect(body["error"]?["code"]?.string == "rate_limit_exceeded")
        #expect(body["error"]?["status"]?.int == 429)
    }

    @Test("an inline 503 and an overloaded answer use CID222's envelope on its paths")
    func cid222Errors() async throws {
        let unavailable = await handler(
            AdminTest.request(
                "GET", "/sessions", headers: [("X-Mock-Fault", "status=503;message=down for a bit")]))
        #expect(unavailable.status == 503)
        let unavailableBody = try await AdminTest.json(unavailable)
        #expect(unavailableBody["statusCode"]?.int == 503)
        #expect(unavailableBody["message"]?.string == "down for a bit")
        let overloaded = await handler(
            AdminTest.request("GET", "/sessions", headers: [("X-Mock-Fault", "status=overloaded")]))
        #expect(overloaded.status == 529)
        let body = try await AdminTest.json(overloaded)
        #expect(body["statusCode"]?.int == 529)
        #expect(body["error"]?.string == "Overloaded")
    }

    @Test("a reset answers no response at all, and the API is not called")
    func reset() async {
        let response = await handler(
            AdminTest.request(
                "POST", "/sessions/x/messages", headers: [("X-Mock-Fault", "reset")], body: "{}"))
        guard case .resetConnection = response.body else {
            Issue.record("expected a reset")
            return
        }
    }

    @Test("cut_after=N sends N events then throws, so the server ends without the last chunk")
    func cut() async throws {
        let response = await handler(
            AdminTest.request(
                "POST", "/sessions/x/messages", headers: [("X-Mock-Fault", "cut_after=3")], body: "{}"))
        let (bytes, error) = await AdminTest.collect(response)
        #expect(
            String(decoding: bytes, as: UTF8.self) == #"data: {"n":1}"# + "\n\n" + #"data: {"n":2}"# + "\n\n"
                + #"data: {"n":3}"# + "\n\n")
        #expect(error as? InjectedStreamCut == InjectedStreamCut(afterEvents: 3))
    }

    @Test("cut_after=0 cuts before any event")
    func cutAtStart() async {
        let response = await handler(
            AdminTest.request(
                "POST", "/sessions/x/messages", headers: [("X-Mock-Fault", "cut_after=0")], body: "{}"))
        let (bytes, error) = await AdminTest.collect(response)
        #expect(bytes.isEmpty)
        #expect(error is InjectedStreamCut)
    }

    @Test("a cut longer than the stream changes nothing")
    func cutBeyondEnd() async {
        let response = await handler(
            AdminTest.request(
                "POST", "/sessions/x/messages", headers: [("X-Mock-Fault", "cut_after=99")], body: "{}"))
        let (bytes, error) = await AdminTest.collect(response)
        #expect(String(decoding: bytes, as: UTF8.self) == AdminTest.streamBody)
        #expect(error == nil)
    }

    @Test("malformed sends one broken frame after the given event, then the rest unchanged")
    func malformed() async {
        let response = await handler(
            AdminTest.request(
                "POST", "/sessions/x/messages", headers: [("X-Mock-Fault", "malformed_after=2")], body: "{}"))
        let text = await AdminTest.text(response)
        let frames = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(frames.count == 7)
        #expect(frames[2] == String(decoding: StreamFaultWriter.malformedFrame.dropLast(2), as: UTF8.self))
        #expect(text.replacingOccurrences(of: frames[2] + "\n\n", with: "") == AdminTest.streamBody)
    }

    @Test("on a whole JSON body, malformed keeps half of it and cut ends it midway")
    func bodyFaults() async throws {
        let malformed = await handler(
            AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Fault", "malformed")]))
        let half = String(AdminTest.jsonBody.prefix(AdminTest.jsonBody.utf8.count / 2))
        #expect(await AdminTest.text(malformed) == half)
        let cut = await handler(
            AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Fault", "cut_after=1")]))
        let (bytes, error) = await AdminTest.collect(cut)
        #expect(String(decoding: bytes, as: UTF8.self) == half)
        #expect(error is InjectedStreamCut)
    }

    @Test("a stall holds the stream after the given event until it ends; cancelling ends it")
    func stallHoldsTheStream() async throws {
        let response = await handler(
            AdminTest.request(
                "POST", "/sessions/x/messages", headers: [("X-Mock-Fault", "stall_ms=600000;stall_after=1")],
                body: "{}"))
        guard let body = response.body.streamBody else {
            Issue.record("expected a stream")
            return
        }
        let (firstEvent, signal) = AsyncStream<Void>.makeStream()
        let sink = ByteSink()
        let task = Task {
            try await body(
                HTTPBodyWriter { bytes in
                    sink.append(bytes)
                    signal.yield()
                })
        }
        var iterator = firstEvent.makeAsyncIterator()
        await iterator.next()
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(String(decoding: sink.bytes, as: UTF8.self) == #"data: {"n":1}"# + "\n\n")
    }

    @Test("a short stall leaves the bytes unchanged")
    func shortStall() async {
        let response = await handler(
            AdminTest.request(
                "POST", "/sessions/x/messages", headers: [("X-Mock-Fault", "stall_ms=1")], body: "{}"))
        #expect(await AdminTest.text(response) == AdminTest.streamBody)
    }

    @Test("a bad X-Mock-Fault header is a 400 in the API's envelope naming the header")
    func badHeader() async throws {
        let response = await handler(
            AdminTest.request("GET", "/v1/sessions", headers: [("X-Mock-Fault", "explode")]))
        #expect(response.status == 400)
        let message = try await AdminTest.json(response)["error"]?["message"]?.string ?? ""
        #expect(message.contains("X-Mock-Fault"))
    }

    @Test("seeded latency ranges draw within the range, the same way for the same seed")
    func latencyDraws() {
        var action = FaultAction()
        action.latencyRange = 10...20
        let draws = (0..<50).map { FaultInjector.latency(action, draw: SplitMix64Draw.value($0)) }
        #expect(draws.allSatisfy { (10...20).contains($0) })
        #expect(Set(draws).count > 1)
        #expect(draws == (0..<50).map { FaultInjector.latency(action, draw: SplitMix64Draw.value($0)) })
    }
}

enum SplitMix64Draw {
    static func value(_ n: Int) -> UInt64 { SplitMix64.mix([7, UInt64(n)]) }
}
