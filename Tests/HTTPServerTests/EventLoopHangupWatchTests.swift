import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// The hang-up watch a streamed response runs in its connection's task: the body ends it, a
/// peer that goes away ends it, and an end left from an earlier stream never leaks into the
/// next one.
@Suite("Event loop hang-up watch", .timeLimit(.minutes(1)))
struct EventLoopHangupWatchTests {
    private typealias Pair = LoopSocketPair

    @Test func anEndBeforeTheWaitEndsItAtOnce() async throws {
        let pair = try Pair(name: "hangup-test")
        defer { pair.close() }
        pair.loop.endHangupWatch(pair.registration)
        await #expect(throws: IOWaitError.watchEnded) { try await pair.loop.wait(.hangup, pair.registration) }
    }

    @Test func anEndWakesAParkedWait() async throws {
        let pair = try Pair(name: "hangup-test")
        defer { pair.close() }
        let loop = pair.loop
        let registration = pair.registration
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await #expect(throws: IOWaitError.watchEnded) { try await loop.wait(.hangup, registration) }
            }
            // Ending before the wait parks is covered above; either order must end the wait.
            await Task.yield()
            loop.endHangupWatch(registration)
        }
    }

    @Test func aNewWatchForgetsAnOldEndAndSeesARealHangup() async throws {
        let pair = try Pair(name: "hangup-test")
        defer { pair.close() }
        pair.loop.endHangupWatch(pair.registration)
        pair.loop.beginHangupWatch(pair.registration)
        shutdown(pair.client, Int32(SHUT_RDWR))
        try await pair.loop.wait(.hangup, pair.registration)
    }

    @Test func theParserLetsGoOfALargeBufferOnceItIsConsumed() {
        var parser = HTTPRequestParser(maxHeaderSize: 16 * 1024, maxBodySize: 1 << 20)
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 60_000)
        parser.feed(Array("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 60000\r\n\r\n".utf8) + body)
        guard case .request(let request) = parser.next() else {
            Issue.record("the request did not parse")
            return
        }
        #expect(request.body.count == 60_000)
        #expect(parser.bufferCapacity >= 60_000)
        parser.releaseSpareCapacity()
        #expect(parser.bufferCapacity == 0)
        parser.feed(Array("GET /next HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        guard case .request(let next) = parser.next() else {
            Issue.record("the next request did not parse after the release")
            return
        }
        #expect(next.target == "/next")
        parser.releaseSpareCapacity()
        #expect(
            parser.bufferCapacity == 0, "a small request's buffer goes too: an idle connection keeps none")
    }

    @Test func theParserKeepsBytesNotYetParsed() {
        var parser = HTTPRequestParser(maxHeaderSize: 16 * 1024, maxBodySize: 1 << 20)
        parser.feed(Array("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HT".utf8))
        guard case .request = parser.next() else {
            Issue.record("the first request did not parse")
            return
        }
        parser.releaseSpareCapacity()
        #expect(parser.bufferCapacity > 0, "half of the next request is still buffered")
        parser.feed(Array("TP/1.1\r\nHost: a\r\n\r\n".utf8))
        guard case .request(let second) = parser.next() else {
            Issue.record("the pipelined request did not parse")
            return
        }
        #expect(second.target == "/b")
    }
}
