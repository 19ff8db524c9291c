import Testing

@testable import HTTPServer

/// Issue 13, finding 7: `Expect` values other than 100-continue (RFC 9110 §10.1.1) and bare
/// LF inside chunked framing (RFC 9112 §7.1; §2.2 allows it only for the start line and
/// fields).
@Suite("Protocol edges: Expect and chunked line ends")
struct ProtocolEdgeTests {
    private func events(_ text: String) -> [HTTPRequestParser.Event] {
        var parser = HTTPRequestParser()
        parser.feed(Array(text.utf8))
        var out: [HTTPRequestParser.Event] = []
        while let event = parser.next() { out.append(event) }
        return out
    }

    private func failureStatus(_ text: String) -> Int? {
        for case .failure(let error) in events(text) { return error.status }
        return nil
    }

    private func body(_ text: String) -> String? {
        for case .request(let request) in events(text) {
            return String(decoding: request.body, as: UTF8.self)
        }
        return nil
    }

    @Test(
        "an unknown expectation gets 417, alone or listed with 100-continue",
        arguments: ["x-custom", "100-continue, x-custom", "200-ok", "100-continue;foo=1"])
    func unknownExpectation(value: String) {
        #expect(
            failureStatus("POST / HTTP/1.1\r\nHost: x\r\nExpect: \(value)\r\nContent-Length: 0\r\n\r\n")
                == 417)
    }

    @Test("100-continue in any case is still met")
    func knownExpectation() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n"
        guard case .continueExpected? = events(head).first else {
            Issue.record("expected 100 Continue")
            return
        }
        #expect(body(head + "ok") == "ok")
    }

    @Test("a chunk-size line ending in a bare LF is a 400")
    func bareLFAfterChunkSize() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(failureStatus(head + "3\nabc\r\n0\r\n\r\n") == 400)
        #expect(failureStatus(head + "3\r\nabc\r\n0\n\r\n") == 400)
        #expect(failureStatus(head + "3;ext=1\nabc\r\n0\r\n\r\n") == 400)
    }

    @Test("chunk data followed by a bare LF is a 400")
    func bareLFAfterChunkData() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(failureStatus(head + "3\r\nabc\n0\r\n\r\n") == 400)
    }

    @Test("CRLF chunked framing parses, and trailer fields may still end in a bare LF (§2.2)")
    func crlfFramingParses() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(body(head + "3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n") == "abcde")
        #expect(body(head + "3\r\nabc\r\n0\r\nX-T: 1\n\n") == "abc")
    }
}
