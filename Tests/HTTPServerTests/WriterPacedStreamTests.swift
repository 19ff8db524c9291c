import Locking
import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// Streams that await only their writer run in the connection's own task: their pauses are
/// timed by the loop, they are framed like any stream, and a client that leaves ends them
/// through the pause they are in, with no second task watching.
@Suite("Writer-paced streams", .timeLimit(.minutes(1)))
struct WriterPacedStreamTests {
    /// Writes "one", pauses `milliseconds`, writes "two"; fires `ended` with the error the
    /// body ended on (nil when it finished).
    private static func pausedStream(milliseconds: Int, ended: AsyncSignal, error: Locked<String?>)
        -> HTTPHandler
    {
        { _ in
            HTTPResponse(
                status: 200, headers: ["Content-Type": "text/event-stream"],
                body: .writerPacedStream { writer in
                    do {
                        try await writer.write("data: one\n\n")
                        try await writer.pause(milliseconds: milliseconds)
                        try await writer.write("data: two\n\n")
                        ended.fire()
                    } catch let failure {
                        error.withLock { $0 = "\(type(of: failure))" }
                        ended.fire()
                        throw failure
                    }
                })
        }
    }

    @Test func aPausedStreamIsFramedAndTheConnectionStaysUsable() async throws {
        let ended = AsyncSignal()
        let error = Locked<String?>(nil)
        try await withServer(handler: Self.pausedStream(milliseconds: 5, ended: ended, error: error)) {
            server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.read(until: "\r\n\r\n")
            #expect(head.contains("Transfer-Encoding: chunked"))
            #expect(
                try await client.read(until: "0\r\n\r\n")
                    == "b\r\ndata: one\n\n\r\nb\r\ndata: two\n\n\r\n0\r\n\r\n")
            try await client.send("GET /again HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try await client.readResponse().text == "data: one\n\ndata: two\n\n")
            #expect(error.withLock { $0 } == nil)
        }
    }

    /// Ten minutes of pause, then the client closes: the pause ends at once with the hang-up.
    @Test(arguments: [false, true])
    func aClientThatLeavesEndsTheLongPause(reset: Bool) async throws {
        let ended = AsyncSignal()
        let error = Locked<String?>(nil)
        try await withServer(handler: Self.pausedStream(milliseconds: 600_000, ended: ended, error: error)) {
            server in
            var client: RawClient? = try RawClient.connect(port: server.port)
            try await client?.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client?.read(until: "data: one\n\n")
            if reset { client?.resetOnClose() }
            client = nil
            await ended.wait()
            #expect(error.withLock { $0 } == "ConnectionClosedError")
        }
    }
}
