import Locking
import Testing

@testable import HTTPServer

/// Issue 13, finding 6: a client that stops reading is cut off after the write timeout, and
/// connections past the cap are answered 503 and closed.
@Suite("Write timeout and connection cap")
struct ConnectionLimitTests {
    /// Records how a stream's writes ended.
    final class Outcome: Sendable {
        let ended = AsyncSignal()
        private let error = Locked<String?>(nil)

        func finish(_ failure: any Error) {
            error.withLock { $0 = String(describing: failure) }
            ended.fire()
        }

        var description: String? { error.withLock { $0 } }
    }

    @Test("a response the client never reads fails its write with a timeout instead of waiting forever")
    func writeTimeout() async throws {
        let outcome = Outcome()
        let chunk = [UInt8](repeating: 0x61, count: 64 * 1024)
        let handler: HTTPHandler = { _ in
            HTTPResponse(
                status: 200, headers: ["Content-Type": "application/octet-stream"],
                body: .stream { writer in
                    do {
                        while true { try await writer.write(chunk) }
                    } catch {
                        outcome.finish(error)
                        throw error
                    }
                })
        }
        try await withServer(configure: { $0.writeTimeout = 0.3 }, handler: handler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n")
            // The client reads nothing; the server's write must give up on its own.
            await outcome.ended.wait()
            #expect(outcome.description == String(describing: IOWaitError.timedOut))
        }
    }

    @Test("past maxConnections a new connection gets 503 and is closed; the admitted one still works")
    func connectionCap() async throws {
        try await withServer(configure: { $0.maxConnections = 1 }, handler: echoHandler) { server in
            let admitted = try RawClient.connect(port: server.port)
            try await admitted.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await admitted.readResponse().status == 200)

            let refused = try RawClient.connect(port: server.port)
            try await refused.send("GET /b HTTP/1.1\r\nHost: t\r\n\r\n")
            let answer = try await refused.readResponse()
            #expect(answer.status == 503)
            #expect(answer.header("Connection")?.lowercased() == "close")
            #expect(try await refused.readsEndOfFile())

            try await admitted.send("GET /c HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await admitted.readResponse().status == 200)
        }
    }
}
