import Testing

@testable import HTTPServer

@Suite("Response framing")
struct ResponseEncoderTests {
    private func plan(
        method: String = "GET", version: HTTPVersion = .http1_1, keepAlive: Bool = true, status: Int = 200,
        body: ResponsePlan.BodyKind, headers: HTTPHeaders = [:]
    ) -> ResponsePlan {
        ResponsePlan.make(
            method: method, version: version, requestKeepAlive: keepAlive, status: status, body: body,
            responseHeaders: headers, draining: false)
    }

    @Test func framingDecisions() {
        #expect(plan(body: .bytes(count: 3)) == ResponsePlan(framing: .contentLength(3), keepAlive: true, sendsBody: true))
        #expect(plan(method: "HEAD", body: .bytes(count: 3)).sendsBody == false)
        #expect(plan(method: "HEAD", body: .bytes(count: 3)).framing == .contentLength(3))
        #expect(plan(status: 204, body: .bytes(count: 0)).framing == .noContent)
        #expect(plan(status: 304, body: .stream).sendsBody == false)
        #expect(plan(body: .stream).framing == .chunked)
        #expect(plan(version: .http1_0, body: .stream) == ResponsePlan(framing: .closeDelimited, keepAlive: false, sendsBody: true))
        #expect(plan(body: .bytes(count: 0), headers: ["Connection": "close"]).keepAlive == false)
    }

    @Test func headLayout() {
        let head = HTTPResponseEncoder.head(
            status: 201, headers: ["X-A": "1", "Content-Length": "99", "X-Evil": "a\r\nInjected: yes"],
            plan: ResponsePlan(framing: .contentLength(2), keepAlive: false, sendsBody: true), requestVersion: .http1_1,
            date: "Sun, 06 Nov 1994 08:49:37 GMT", serverName: "test")
        #expect(
            String(decoding: head, as: UTF8.self)
                == "HTTP/1.1 201 Created\r\nX-A: 1\r\nX-Evil: a  Injected: yes\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                + "Server: test\r\nContent-Length: 2\r\nConnection: close\r\n\r\n")
    }

    @Test func chunkEncoding() {
        #expect(String(decoding: HTTPResponseEncoder.chunk(Array(repeating: 65, count: 26)), as: UTF8.self) == "1a\r\n" + String(repeating: "A", count: 26) + "\r\n")
    }

    @Test func dateFormat() {
        #expect(DateCache.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
