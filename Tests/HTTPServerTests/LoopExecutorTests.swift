import Testing

@testable import HTTPServer

/// A connection's task runs on its event loop's thread (the loop is its task executor), so a
/// request costs no hop to the cooperative pool and back.
@Suite("Event loops as task executors", .timeLimit(.minutes(1)))
struct LoopExecutorTests {
    @Test func handlersRunOnTheEventLoopThread() async throws {
        let handler: HTTPHandler = { _ in
            // Suspends and resumes: the resumption must come back to the loop, too.
            let before = EventLoopThread.isCurrent
            await Task.yield()
            return HTTPResponse(
                status: 200, body: .bytes(Array("\(before) \(EventLoopThread.isCurrent)".utf8)))
        }
        try await withServer(handler: handler) { server in
            let client = try RawClient.connect(port: server.port)
            for _ in 0..<3 {
                try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.text == "true true")
            }
        }
    }

    @Test func aHandlerThatKeepsYieldingDoesNotStarveOtherConnections() async throws {
        let handler: HTTPHandler = { request in
            if request.path == "/spin" {
                for _ in 0..<20_000 { await Task.yield() }
            }
            return HTTPResponse(status: 200, body: .bytes(Array(request.path.utf8)))
        }
        try await withServer(configure: { $0.eventLoopCount = 1 }, handler: handler) { server in
            let spinner = try RawClient.connect(port: server.port)
            try await spinner.send("GET /spin HTTP/1.1\r\nHost: t\r\n\r\n")
            let other = try RawClient.connect(port: server.port)
            try await other.send("GET /quick HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await other.readResponse().text == "/quick")
            #expect(try await spinner.readResponse().text == "/spin")
        }
    }
}
