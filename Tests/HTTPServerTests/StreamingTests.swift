import Testing

@testable import HTTPServer

/// A stream of three events; the handler waits at a gate before the second and third, and
/// fires `finished` when done or `cancelled` when its task is cancelled.
private func gatedStream(
    gate: Gate, finished: AsyncSignal = AsyncSignal(), cancelled: AsyncSignal = AsyncSignal()
) -> HTTPHandler {
    { _ in
        HTTPResponse(
            status: 200, headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache"],
            body: .stream { writer in
                do {
                    try await writer.write("data: one\n\n")
                    await gate.pass(1)
                    try Task.checkCancellation()
                    try await writer.write("data: two\n\n")
                    await gate.pass(2)
                    try Task.checkCancellation()
                    try await writer.write("data: three\n\n")
                    finished.fire()
                } catch {
                    cancelled.fire()
                    throw error
                }
            })
    }
}

@Suite("Streaming responses", .timeLimit(.minutes(1)))
struct StreamingTests {
    @Test func eachEventArrivesBeforeTheNextIsProduced() async throws {
        let gate = Gate()
        try await withServer(handler: gatedStream(gate: gate)) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.read(until: "\r\n\r\n")
            #expect(head.contains("Transfer-Encoding: chunked"))
            #expect(head.contains("Content-Type: text/event-stream"))
            // Each chunk is read while the handler is parked at the gate that precedes the next.
            #expect(try await client.read(until: "data: one\n\n") == "b\r\ndata: one\n\n")
            gate.open(1)
            #expect(try await client.read(until: "data: two\n\n") == "\r\nb\r\ndata: two\n\n")
            gate.open(2)
            #expect(try await client.read(until: "data: three\n\n") == "\r\nd\r\ndata: three\n\n")
            #expect(try await client.read(until: "0\r\n\r\n") == "\r\n0\r\n\r\n")
            // The connection stays usable afterwards.
            try await client.send("GET /again HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            gate.open(1)
            #expect(try await client.readResponse().text == "data: one\n\ndata: two\n\ndata: three\n\n")
        }
    }

    @Test func http10StreamIsCloseDelimited() async throws {
        let gate = Gate()
        gate.open(1)
        gate.open(2)
        try await withServer(handler: gatedStream(gate: gate)) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET / HTTP/1.0\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("Transfer-Encoding") == nil)
            #expect(response.text == "data: one\n\ndata: two\n\ndata: three\n\n")
        }
    }

    @Test func emptyWritesNeverEndTheBodyEarly() async throws {
        let handler: HTTPHandler = { _ in
            HTTPResponse(
                status: 200,
                body: .stream { writer in
                    try await writer.write("a")
                    try await writer.write([UInt8]())
                    try await writer.write("")
                    try await writer.write("b")
                })
        }
        try await withServer(handler: handler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let raw = String(decoding: try await client.readToEnd(), as: UTF8.self)
            #expect(raw.hasSuffix("\r\n\r\n1\r\na\r\n1\r\nb\r\n0\r\n\r\n"))
        }
    }

    @Test func clientDisconnectCancelsTheHandler() async throws {
        let gate = Gate()
        let cancelled = AsyncSignal()
        let finished = AsyncSignal()
        try await withServer(handler: gatedStream(gate: gate, finished: finished, cancelled: cancelled)) {
            server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.read(until: "data: one\n\n")
            client.shutdownWrite()
            await cancelled.wait()
            #expect(!finished.isFired)
        }
    }

    @Test func gracefulShutdownLetsAnInFlightResponseFinish() async throws {
        let gate = Gate()
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.shutdownGracePeriod = 30
        let stream = gatedStream(gate: gate)
        let server = HTTPServer(configuration: configuration) { request in
            request.path == "/quick" ? await echoHandler(request) : await stream(request)
        }
        try await server.start()
        let port = server.port
        let streaming = try RawClient.connect(port: port)
        try await streaming.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await streaming.read(until: "data: one\n\n")
        // A keep-alive connection that has been served once, so it is known to be idle.
        let idle = try RawClient.connect(port: port)
        try await idle.send("GET /quick HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await idle.readResponse()
        async let stopped: Void = server.shutdown()
        // Shutdown closes the idle connection at once, while the stream is still open.
        #expect(try await idle.readsEndOfFile())
        gate.open(1)
        gate.open(2)
        let rest = try await streaming.read(until: "0\r\n\r\n")
        #expect(rest.contains("data: two") && rest.contains("data: three"))
        #expect(try await streaming.readsEndOfFile())
        await stopped
    }

    @Test func shutdownCancelsWhatOutlivesTheGracePeriod() async throws {
        let gate = Gate()
        let cancelled = AsyncSignal()
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.shutdownGracePeriod = 0.1
        let server = HTTPServer(
            configuration: configuration, handler: gatedStream(gate: gate, cancelled: cancelled))
        try await server.start()
        let client = try RawClient.connect(port: server.port)
        try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await client.read(until: "data: one\n\n")
        await server.shutdown()
        await cancelled.wait()
        // Cut off: the connection ends without the last chunk.
        let rest = String(decoding: try await client.readToEnd(), as: UTF8.self)
        #expect(!rest.contains("0\r\n\r\n"))
    }
}
