import Conformance
import SessionsAPI
import Synchronization
import Testing

/// Records what reaches it.
private final class RecordingTransport: HTTPTransport {
    let sent = Mutex<[WireRequest]>([])

    func send(_ request: WireRequest) async throws -> WireResponse {
        sent.withLock { $0.append(request) }
        return WireResponse(status: 204)
    }
}

@Suite("check --header")
struct ExtraHeadersTransportTests {
    @Test func everyRequestGetsTheHeadersUnlessItSetsThemItself() async throws {
        let base = RecordingTransport()
        let transport = ExtraHeadersTransport(
            base: base, headers: [WireHeader(name: "X-Tenant-Route", value: "blue")])
        _ = try await transport.send(WireRequest(method: "GET", target: "/v1/sessions"))
        _ = try await transport.send(
            WireRequest(
                method: "DELETE", target: "/v1/sessions/x",
                headers: [WireHeader(name: "x-tenant-route", value: "scenario's own")]))
        let sent = base.sent.withLock { $0 }
        #expect(sent[0].header("X-Tenant-Route") == "blue")
        #expect(
            sent[1].headers.filter { $0.name.lowercased() == "x-tenant-route" }.map(\.value) == [
                "scenario's own"
            ])
    }

    @Test func headerLinesParseLikeCurl() throws {
        #expect(
            try ExtraHeadersTransport.parse("X-Waf-Token:  abc def ").get()
                == WireHeader(name: "X-Waf-Token", value: "abc def"))
        #expect(try ExtraHeadersTransport.parse("X-Empty:").get() == WireHeader(name: "X-Empty", value: ""))
        #expect(throws: HeaderLineError.noColon) { try ExtraHeadersTransport.parse("X-Tenant blue").get() }
        #expect(throws: HeaderLineError.badName) { try ExtraHeadersTransport.parse("Bad Name: x").get() }
        #expect(throws: HeaderLineError.badName) { try ExtraHeadersTransport.parse(": x").get() }
        #expect(throws: HeaderLineError.badValue) {
            try ExtraHeadersTransport.parse("X-A: 1\r\nX-B: 2").get()
        }
        #expect(throws: HeaderLineError.reserved("authorization")) {
            try ExtraHeadersTransport.parse("authorization: Bearer x").get()
        }
    }
}
