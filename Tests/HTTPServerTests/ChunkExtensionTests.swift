import Testing

@testable import HTTPServer

/// Chunk extensions are ignored, so without a budget of their own a client could send
/// gigabytes of them around a small body (the shape of Node.js CVE-2024-22019).
@Suite("Chunk extension budget")
struct ChunkExtensionTests {
    private static let head = Array("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)

    /// One-byte chunks, each carrying an extension of `extensionSize` bytes.
    private static func body(chunks: Int, extensionSize: Int) -> [UInt8] {
        let chunk =
            Array("1;e=".utf8) + [UInt8](repeating: 120, count: extensionSize) + Array("\r\na\r\n".utf8)
        return (0..<chunks).flatMap { _ in chunk } + Array("0\r\n\r\n".utf8)
    }

    private static func events(_ input: [UInt8], maxHeader: Int = 16 * 1024) -> [HTTPRequestParser.Event] {
        var parser = HTTPRequestParser(maxHeaderSize: maxHeader)
        var events: [HTTPRequestParser.Event] = []
        var fed = 0
        while fed < input.count {
            let end = min(fed + 1000, input.count)
            parser.feed(input[fed..<end])
            fed = end
            while let event = parser.next() { events.append(event) }
        }
        return events
    }

    @Test func extensionsBeyondTheBudgetAreRejected() {
        // 1,000 chunks of 1 KiB extensions: 1 MB of framing around a 1,000-byte body.
        let events = Self.events(Self.head + Self.body(chunks: 1000, extensionSize: 1000))
        guard case .failure(let error) = events.last else {
            Issue.record("expected a failure, got \(events.count) events")
            return
        }
        #expect(error.status == 413)
        #expect(events.count == 1)
    }

    @Test func modestExtensionsAreStillAccepted() {
        let events = Self.events(Self.head + Self.body(chunks: 10, extensionSize: 100))
        guard case .request(let request) = events.first else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == [UInt8](repeating: 97, count: 10))
    }

    @Test func theBudgetIsPerRequest() {
        // Two requests that each stay under the budget must both pass, even though together
        // they exceed it.
        let one = Self.head + Self.body(chunks: 10, extensionSize: 1000)
        let events = Self.events(one + one)
        #expect(events.count == 2)
        for event in events {
            guard case .request = event else {
                Issue.record("expected two requests")
                return
            }
        }
    }
}
