import Testing

@testable import HTTPServer

/// RFC 9112 §3.2: a Host field with an invalid value gets 400, like a missing or repeated one.
@Suite("Host field rules")
struct HostRuleTests {
    private static func status(host: String) -> Int? {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8))
        switch parser.next() {
        case .failure(let error): return error.status
        case .request: return nil
        default: return -1
        }
    }

    @Test(arguments: [
        "", "t", "example.com", "h:80", "h:", "127.0.0.1:8080", "[::1]", "[::1]:443", "a%20b", "x-y_z~",
    ])
    func validHostsAreAccepted(host: String) {
        #expect(Self.status(host: host) == nil, "\(host)")
    }

    @Test(arguments: ["a b", "x/y", "u@h", "h:8x", "h:80:90", "[::1", "[::1]x", "a\"b", "h?q", "h#f"])
    func invalidHostsGet400(host: String) {
        #expect(Self.status(host: host) == 400, "\(host)")
    }
}
