import HTTPServer
import Locking
import Testing

/// `run()` serves in the calling task: it returns once `shutdown()` finished, or once the
/// task that runs it is cancelled.
@Suite("Structured run", .timeLimit(.minutes(1)))
struct StructuredRunTests {
    static func server(log: (@Sendable (HTTPServerLogEvent) -> Void)? = nil) -> HTTPServer {
        var configuration = HTTPServerConfiguration()
        configuration.log = log
        return HTTPServer(configuration: configuration, handler: echoHandler)
    }

    @Test func runServesUntilShutdownAndThenReturns() async throws {
        let server = Self.server()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let port = try await server.waitUntilListening()
            #expect(port > 0)
            let client = try RawClient.connect(port: port)
            try await client.send("GET /r HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "GET /r 0:")
            await server.shutdown()
            // `run` has returned: the group's child is done without being cancelled.
            try await group.next()
            #expect(try await client.readsEndOfFile())
        }
    }

    @Test func cancellingTheTaskStopsTheServer() async throws {
        let server = Self.server()
        let running = Task { try await server.run() }
        let port = try await server.waitUntilListening()
        running.cancel()
        try await running.value
        await server.waitUntilStopped()
        #expect(throws: (any Error).self) { _ = try RawClient.connect(port: port) }
    }

    @Test func aSecondRunIsRefusedAndABindFailureIsThrown() async throws {
        let first = Self.server()
        try await first.start()
        await #expect(throws: ListenError.self) { try await first.run() }
        var taken = HTTPServerConfiguration()
        taken.port = first.port
        let second = HTTPServer(configuration: taken, handler: echoHandler)
        await #expect(throws: ListenError.self) { try await second.run() }
        await #expect(throws: ListenError.self) { try await second.waitUntilListening() }
        await first.shutdown()
    }

    @Test func theLogHookSeesRequestsAndProtocolErrors() async throws {
        let events = Locked<[HTTPServerLogEvent]>([])
        let server = Self.server { event in events.withLock { $0.append(event) } }
        try await server.start()
        let client = try RawClient.connect(port: server.port)
        try await client.send("POST /logged?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")
        #expect(try await client.readResponse().status == 200)
        let broken = try RawClient.connect(port: server.port)
        try await broken.send("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: x\r\n\r\n")
        #expect(try await broken.readResponse().status == 400)
        await server.shutdown()
        let seen = events.withLock { $0 }
        let request = seen.first {
            if case .request(let method, let target, let status, _) = $0 {
                return method == "POST" && target == "/logged?x=1" && status == 200
            }
            return false
        }
        #expect(request != nil, "\(seen)")
        #expect(request?.description.hasPrefix("POST /logged?x=1 → 200 in ") == true)
        #expect(seen.contains { if case .protocolError(400, _) = $0 { return true } else { return false } })
    }
}
