import Conformance
import Foundation
import JSONSchema
import MockServer
import SessionsAPI
import Testing

/// The relay changes nothing: bodies and event streams reach clients byte for byte as the
/// target wrote them, and a paced stream passes event by event.
@Suite struct ProxyRelayTests {
    private static func bearer(_ credential: String?) -> WireHeader {
        WireHeader(name: "Authorization", value: "Bearer \(credential ?? "")")
    }

    private static let json = WireHeader(name: "Content-Type", value: "application/json")

    /// Both ways the proxy reaches a target: plain sockets (`http://`) and URLSession (`https://`).
    @Test(arguments: [false, true])
    func urlSessionClientsGetTheTargetsBytesUnchanged(alwaysURLSession: Bool) async throws {
        let tee = ByteTee()
        let harness = try await ProxyHarness.start(
            alwaysURLSession: alwaysURLSession, wrap: { handler, _ in tee.wrap(handler) })
        let outcome = await Result {
            let client = URLSessionTransport(baseURL: harness.proxyURL, timeout: 30)
            let token = Self.bearer(harness.credentials.token)
            let created = try await client.send(
                WireRequest(
                    method: "POST", target: "/sessions", headers: [token, Self.json],
                    body: Array(#"{"session_name":"relay"}"#.utf8)))
            #expect(created.body == tee.bytes("POST", "/sessions"))
            let id = try #require(try JSONValue.parse(created.body)["id"]?.stringValue)
            let send = "/sessions/\(id)/messages"
            let streamed = try await client.send(
                WireRequest(
                    method: "POST", target: send, headers: [token, Self.json],
                    body: Array(#"{"content":"How do relays work?","model":"gpt-4o"}"#.utf8)))
            #expect(streamed.mediaType == "text/event-stream")
            #expect(streamed.header("Via") != nil)
            #expect(!streamed.body.isEmpty && streamed.body == tee.bytes("POST", send))
            let read = try await client.send(
                WireRequest(method: "GET", target: "/sessions/\(id)", headers: [token]))
            #expect(read.body == tee.bytes("GET", "/sessions/\(id)"))
            let key = Self.bearer(harness.credentials.apiKey)
            let chat = try await client.send(
                WireRequest(
                    method: "POST", target: "/v1/chat", headers: [key, Self.json],
                    body: Array(#"{"message":"Hello through the proxy"}"#.utf8)))
            #expect(chat.body == tee.bytes("POST", "/v1/chat"))
            let list = try await client.send(
                WireRequest(method: "GET", target: "/v1/sessions?limit=5", headers: [key]))
            #expect(list.body == tee.bytes("GET", "/v1/sessions?limit=5"))
        }
        let report = harness.proxy.report()
        await harness.stop()
        try outcome.get()
        #expect(report.deviations.isEmpty, "\(report.text)")
        #expect(report.exitCode == 0)
    }

    @Test func rawSocketClientsGetTheTargetsBytesUnchanged() async throws {
        let tee = ByteTee()
        let harness = try await ProxyHarness.start(wrap: { handler, _ in tee.wrap(handler) })
        let outcome = await Result {
            let port = harness.proxy.port
            let token = harness.credentials.token ?? ""
            func request(_ method: String, _ target: String, _ body: String = "") -> String {
                "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
            }
            let created = try await RawHTTPClient.send(port: port, request("POST", "/sessions", "{}"))
            #expect(created.head.hasPrefix("HTTP/1.1 201"))
            #expect(created.body == tee.bytes("POST", "/sessions"))
            let id = try #require(try JSONValue.parse(created.body)["id"]?.stringValue)
            let send = "/sessions/\(id)/messages"
            let streamed = try await RawHTTPClient.send(
                port: port, request("POST", send, #"{"content":"Raw sockets, please","model":"gpt-4o"}"#))
            #expect(streamed.head.lowercased().contains("content-type: text/event-stream"))
            #expect(streamed.head.lowercased().contains("transfer-encoding: chunked"))
            #expect(!streamed.body.isEmpty && streamed.body == tee.bytes("POST", send))
            // Every relayed chunk ends at an event boundary the target wrote: none is empty.
            #expect(streamed.pieces.allSatisfy { !$0.isEmpty })
            let read = try await RawHTTPClient.send(port: port, request("GET", "/sessions/\(id)"))
            #expect(read.body == tee.bytes("GET", "/sessions/\(id)"))
        }
        let report = harness.proxy.report()
        await harness.stop()
        try outcome.get()
        #expect(report.deviations.isEmpty, "\(report.text)")
    }

    /// With 4 deltas a second, the client sees the first delta arrive in an earlier piece
    /// than the stream's end: the proxy relays each event as it comes instead of buffering.
    @Test(arguments: [false, true])
    func aPacedStreamArrivesEventByEvent(alwaysURLSession: Bool) async throws {
        let harness = try await ProxyHarness.start(
            alwaysURLSession: alwaysURLSession, configure: { $0.streaming.tokensPerSecond = 4 })
        let outcome = await Result {
            let client = URLSessionTransport(baseURL: harness.proxyURL, timeout: 60)
            let token = Self.bearer(harness.credentials.token)
            let created = try await client.send(
                WireRequest(
                    method: "POST", target: "/sessions", headers: [token, Self.json], body: Array("{}".utf8)))
            let id = try #require(try JSONValue.parse(created.body)["id"]?.stringValue)
            return try await client.send(
                WireRequest(
                    method: "POST", target: "/sessions/\(id)/messages", headers: [token, Self.json],
                    body: Array(#"{"content":"Pace me","model":"gpt-4o"}"#.utf8)))
        }
        let report = harness.proxy.report()
        await harness.stop()
        let streamed = try outcome.get()
        let arrivals = streamed.chunks.map { String(decoding: $0, as: UTF8.self) }
        let firstDelta = try #require(arrivals.firstIndex { $0.contains("content_block_delta") })
        let stop = try #require(arrivals.firstIndex { $0.contains("message_stop") })
        #expect(firstDelta < stop, "arrivals: \(arrivals)")
        #expect(arrivals.filter { $0.contains("content_block_delta") }.count >= 2, "arrivals: \(arrivals)")
        #expect(report.deviations.isEmpty, "\(report.text)")
    }
}
