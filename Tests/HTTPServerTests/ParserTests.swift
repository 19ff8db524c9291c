import Testing

@testable import HTTPServer

/// Feeds `input` split at the given points and collects every event.
private func parse(_ input: [UInt8], splits: [Int] = [], maxHeader: Int = 16 * 1024, maxBody: Int = 1 << 20)
    -> [HTTPRequestParser.Event]
{
    var parser = HTTPRequestParser(maxHeaderSize: maxHeader, maxBodySize: maxBody)
    var events: [HTTPRequestParser.Event] = []
    var start = 0
    for cut in splits + [input.count] {
        parser.feed(input[start..<cut])
        start = cut
        while let event = parser.next() { events.append(event) }
    }
    return events
}

private func parse(_ text: String, maxHeader: Int = 16 * 1024, maxBody: Int = 1 << 20) -> [HTTPRequestParser
    .Event]
{
    parse(Array(text.utf8), maxHeader: maxHeader, maxBody: maxBody)
}

/// A comparable summary of an event.
private func summary(_ event: HTTPRequestParser.Event) -> String {
    switch event {
    case .continueExpected(let head): return "continue \(head.target)"
    case .failure(let error): return "error \(error.status)"
    case .request(let r):
        let headers = r.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        let trailers = r.trailers.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        return
            "\(r.method) \(r.target) \(r.version) [\(headers)] body=\(String(decoding: r.body, as: UTF8.self)) trailers=[\(trailers)]"
    }
}

private func status(_ text: String, maxHeader: Int = 16 * 1024, maxBody: Int = 1 << 20) -> Int? {
    for event in parse(text, maxHeader: maxHeader, maxBody: maxBody) {
        if case .failure(let error) = event { return error.status }
    }
    return nil
}

@Suite("Request parser")
struct ParserTests {
    static let pipelined =
        "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Rep: 1\r\nx-rep: 2\r\n\r\n"
        + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
        + "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3;name=value\r\nabc\r\n4 ; ext\r\ndefg\r\n0\r\nX-Trailer: done\r\n\r\n"
        + "GET /d HTTP/1.0\n\n"

    @Test func pipelinedRequestsComeOutInOrder() {
        let events = parse(Self.pipelined).map(summary)
        #expect(
            events == [
                "GET /a?x=1 HTTP/1.1 [Host=h,X-Rep=1,x-rep=2] body= trailers=[]",
                "POST /b HTTP/1.1 [Host=h,Content-Length=5] body=hello trailers=[]",
                "PUT /c HTTP/1.1 [Host=h,Transfer-Encoding=chunked] body=abcdefg trailers=[X-Trailer=done]",
                "GET /d HTTP/1.0 [] body= trailers=[]",
            ])
    }

    @Test func everySplitPointParsesTheSame() {
        let input = Array(Self.pipelined.utf8)
        let expected = parse(input).map(summary)
        for cut in 1..<input.count {
            #expect(parse(input, splits: [cut]).map(summary) == expected, "split at \(cut)")
        }
    }

    @Test func byteByByteParsesTheSame() {
        let input = Array(Self.pipelined.utf8)
        #expect(parse(input, splits: Array(1..<input.count)).map(summary) == parse(input).map(summary))
    }

    @Test func headersAreCaseInsensitiveAndRepeatedOnesKept() throws {
        guard
            case .request(let r) = parse("GET / HTTP/1.1\r\nHOST: x\r\nAccept: a\r\naccept: b\r\n\r\n").first
        else {
            Issue.record("no request")
            return
        }
        #expect(r.headers["host"] == "x")
        #expect(r.headers.values("ACCEPT") == ["a", "b"])
    }

    @Test func leadingEmptyLinesAreIgnored() {
        #expect(
            parse("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n").map(summary) == [
                "GET / HTTP/1.1 [Host=x] body= trailers=[]"
            ])
    }

    @Test func absoluteFormTargetBecomesOriginForm() {
        guard case .request(let r) = parse("GET http://example.com/p?q=1 HTTP/1.1\r\nHost: x\r\n\r\n").first
        else {
            Issue.record("no request")
            return
        }
        #expect(r.path == "/p")
        #expect(r.query("q") == "1")
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400),
        ("G@T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET / http/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{01}b\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x10\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1234567890abcdef0\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n bad\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: foo\r\n\r\n", 501),
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
        ("GET / HTTP/1.2\r\nHost: x\r\n\r\n", 505),
        ("GET / HTTP/0.9\r\n\r\n", 505),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", 413),
    ])
    func malformedRequestsGetTheirStatus(input: String, expected: Int) {
        #expect(status(input) == expected, "\(input.debugDescription)")
    }

    @Test func oversizedHeadGets431EvenWithoutTerminator() {
        let big = "GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 20_000)
        #expect(status(big) == 431)
        #expect(status(big + "\r\n\r\n") == 431)
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\nX: abc\r\n\r\n", maxHeader: 20) == 431)
    }

    @Test func headJustUnderTheLimitIsAccepted() {
        let head = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        #expect(status(head, maxHeader: head.utf8.count) == nil)
        #expect(status(head, maxHeader: head.utf8.count - 1) == 431)
    }

    @Test func chunkedBodyOverTheLimitStopsAtTheChunkThatPassesIt() {
        var input = Array("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let chunk = Array("100000\r\n".utf8) + [UInt8](repeating: 97, count: 0x100000) + Array("\r\n".utf8)
        for _ in 0..<10 { input += chunk }
        var parser = HTTPRequestParser(maxBodySize: 1 << 20)
        var fed = 0
        var result: HTTPRequestParser.Event?
        while result == nil && fed < input.count {
            let end = min(fed + 65536, input.count)
            parser.feed(input[fed..<end])
            fed = end
            result = parser.next()
        }
        guard case .failure(let error) = result else {
            Issue.record("expected a failure, got \(String(describing: result))")
            return
        }
        #expect(error.status == 413)
        #expect(fed < 2 * 0x100000 + 65536 * 2, "stopped soon after passing 1 MiB, read \(fed)")
    }

    @Test func tenMiBContentLengthFailsBeforeAnyBodyByte() {
        #expect(status("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n") == 413)
    }

    @Test func expectContinueIsReportedBeforeTheBody() {
        var parser = HTTPRequestParser()
        parser.feed(
            Array("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        guard case .continueExpected(let head) = parser.next() else {
            Issue.record("expected continueExpected")
            return
        }
        #expect(head.target == "/e")
        #expect(parser.next() == nil)
        parser.feed(Array("ok".utf8))
        guard case .request(let r) = parser.next() else {
            Issue.record("expected request")
            return
        }
        #expect(r.body == Array("ok".utf8))
    }

    @Test func keepAliveRules() {
        #expect(HTTPFraming.keepAlive(headers: [:], version: .http1_1))
        #expect(!HTTPFraming.keepAlive(headers: ["Connection": "close"], version: .http1_1))
        #expect(!HTTPFraming.keepAlive(headers: ["Connection": "Upgrade, Close"], version: .http1_1))
        #expect(!HTTPFraming.keepAlive(headers: [:], version: .http1_0))
        #expect(HTTPFraming.keepAlive(headers: ["Connection": "Keep-Alive"], version: .http1_0))
    }
}
