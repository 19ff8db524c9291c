import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// What the server does when a client goes away, half or whole, and when a body never ends.
///
/// Policy: a half-close (FIN) while a *stream* runs cancels it, as Go's net/http and nginx do;
/// TCP cannot tell a half-close from a full close until a write draws a reset, and SSE clients
/// never half-close on purpose. A half-close after a request still gets a complete non-streamed
/// response, and requests already received are still answered.
@Suite("Disconnects and trickles", .timeLimit(.minutes(1)))
struct DisconnectTests {
    @Test func halfCloseAfterTheRequestStillGetsTheWholeResponse() async throws {
        try await withServer(handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")
            try await client.send("GET /b HTTP/1.1\r\nHost: t\r\n\r\n")
            client.shutdownWrite()
            #expect(try await client.readResponse().text == "POST /a 2:hi")
            #expect(try await client.readResponse().text == "GET /b 0:")
            #expect(try await client.readsEndOfFile())
        }
    }

    @Test func aResetMidStreamCancelsTheHandler() async throws {
        let cancelled = AsyncSignal()
        let started = AsyncSignal()
        let handler: HTTPHandler = { _ in
            HTTPResponse(
                status: 200,
                body: .stream { writer in
                    try await writer.write("data: one\n\n")
                    started.fire()
                    // Waits for cancellation: no write here would reveal the reset.
                    await withTaskCancellationHandler {
                        await cancelled.wait()
                    } onCancel: {
                        cancelled.fire()
                    }
                })
        }
        try await withServer(handler: handler) { server in
            var client: RawClient? = try RawClient.connect(port: server.port)
            try await client?.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client?.read(until: "data: one\n\n")
            await started.wait()
            client?.resetOnClose()
            client = nil
            // Either the handler is cancelled or, 30 s on, the deadline gives up: the
            // expectation then fails by saying so, not by the suite's time limit.
            let decided = AsyncSignal()
            let deadline = Task {
                try? await Task.sleep(for: .seconds(30))
                decided.fire()
            }
            let watcher = Task {
                await cancelled.wait()
                decided.fire()
            }
            await decided.wait()
            deadline.cancel()
            #expect(cancelled.isFired, "the reset did not cancel the streaming handler")
            cancelled.fire()
            await watcher.value
        }
    }

    /// The body has no per-read timeout: the idle timeout runs once from the first body read,
    /// so a body that trickles forever is still cut off.
    @Test func aBodyThatTricklesForeverIsCutOff() async throws {
        try await withServer(configure: { $0.idleTimeout = 0.3 }, handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\nx")
            var closed = false
            for _ in 0..<1000 where !closed {
                // Paces the trickle, far below the timeout; not a wait for the server.
                try await Task.sleep(for: .milliseconds(20))
                if (try? await client.send("x")) == nil { closed = true }
                var byte: UInt8 = 0
                if recv(client.fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0 { closed = true }
            }
            #expect(closed)
        }
    }
}
