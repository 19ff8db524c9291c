import HTTPServer
import Testing

@Suite("Server over sockets", .timeLimit(.minutes(1)))
struct ServerTests {
    @Test func portZeroBindsARealPort() async throws {
        try await withServer(handler: echoHandler) { server in
            #expect(server.port > 0)
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "GET /x 0:")
            #expect(response.header("Server") == "sessions-mock")
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await withServer(handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            for i in 0..<3 {
                try await client.send("POST /k\(i) HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")
                let response = try await client.readResponse()
                #expect(response.text == "POST /k\(i) 2:hi")
                #expect(response.header("Connection") == nil)
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer(handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send(
                "GET /1 HTTP/1.1\r\nHost: t\r\n\r\nGET /2 HTTP/1.1\r\nHost: t\r\n\r\nGET /3 HTTP/1.1\r\nHost: t\r\n\r\n")
            for i in 1...3 { #expect(try await client.readResponse().text == "GET /\(i) 0:") }
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withServer(handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try await client.readsEndOfFile())
        }
    }

    @Test func http10ClosesUnlessAskedToKeepAlive() async throws {
        try await withServer(handler: echoHandler) { server in
            let plain = try RawClient.connect(port: server.port)
            try await plain.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try await plain.readResponse().status == 200)
            #expect(try await plain.readsEndOfFile())

            let kept = try RawClient.connect(port: server.port)
            try await kept.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try await kept.readResponse()
            #expect(first.header("Connection") == "keep-alive")
            try await kept.send("GET /b HTTP/1.0\r\n\r\n")
            #expect(try await kept.readResponse().text == "GET /b 0:")
            #expect(try await kept.readsEndOfFile())
        }
    }

    @Test func headGetsHeadersWithoutBody() async throws {
        var router = Router()
        router.add("GET", "/doc") { _ in .json(200, #"{"a":1}"#) }
        try await withServer(handler: router.handler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("HEAD /doc HTTP/1.1\r\nHost: t\r\n\r\nGET /doc HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.readResponse(bodyless: true)
            #expect(head.header("Content-Length") == "7")
            // The next bytes must be the second response, which proves HEAD sent no body.
            let get = try await client.readResponse()
            #expect(get.text == #"{"a":1}"#)
        }
    }

    @Test func routerGives404And405WithAllow() async throws {
        var router = Router()
        router.add("GET", "/v1/sessions/:id") { request in .json(200, "\"\(request.parameter("id") ?? "")\"") }
        router.add("DELETE", "/v1/sessions/:id") { _ in HTTPResponse(status: 204) }
        try await withServer(handler: router.handler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET /v1/sessions/abc HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "\"abc\"")
            try await client.send("PUT /v1/sessions/abc HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
            let notAllowed = try await client.readResponse()
            #expect(notAllowed.status == 405)
            #expect(notAllowed.header("Allow") == "GET, DELETE, HEAD")
            try await client.send("GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 404)
            try await client.send("DELETE /v1/sessions/abc HTTP/1.1\r\nHost: t\r\n\r\n")
            let deleted = try await client.readResponse()
            #expect(deleted.status == 204)
            #expect(deleted.header("Content-Length") == nil)
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() async throws {
        try await withServer(handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("PUT /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try await client.readResponse()
            #expect(interim.status == 100)
            try await client.send("data")
            #expect(try await client.readResponse().text == "PUT /e 4:data")
        }
    }

    @Test func expectContinueWithTooLargeBodyGets413Instead() async throws {
        try await withServer(configure: { $0.maxBodySize = 10 }, handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("PUT /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
        }
    }

    @Test func tenMiBBodyAgainstOneMiBLimitGets413() async throws {
        try await withServer(handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            let size = 10 << 20
            // A client that does not wait for 100 Continue sends everything at once; the server
            // answers after the head and discards the rest instead of buffering it.
            let request = Array("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: \(size)\r\n\r\n".utf8)
            try? await client.send(request + [UInt8](repeating: 120, count: size))
            let response = try await client.readResponse()
            #expect(response.status == 413)
            #expect(response.text.contains("exceeds"))
            #expect(try await client.readsEndOfFile())
        }
    }

    @Test func chunkedBodyOverTheLimitGets413() async throws {
        try await withServer(configure: { $0.maxBodySize = 1000 }, handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            let chunk = "400\r\n" + String(repeating: "z", count: 1024) + "\r\n"
            try await client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk)
            #expect(try await client.readResponse().status == 413)
            #expect(try await client.readsEndOfFile())
        }
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: br\r\n\r\n", 501),
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\nHost: t\r\nX: " + String(repeating: "a", count: 17000) + "\r\n\r\n", 431),
    ])
    func protocolErrorsAnswerAndClose(request: String, expected: Int) async throws {
        let responder: @Sendable (Int, String, String?) -> HTTPResponse = { status, reason, path in
            .json(status, #"{"custom":\#(status),"path":"\#(path ?? "-")"}"#)
        }
        try await withServer(configure: { $0.protocolErrorResponder = responder }, handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send(request)
            let response = try await client.readResponse()
            #expect(response.status == expected)
            #expect(response.text.hasPrefix(#"{"custom":\#(expected)"#))
            #expect(try await client.readsEndOfFile())
        }
    }

    @Test func resetConnectionSendsNothing() async throws {
        try await withServer(handler: { _ in HTTPResponse(status: 200, body: .resetConnection) }) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            await #expect(throws: ClientError.self) { try await client.readToEnd() }
        }
    }

    @Test func slowHeadersAreCutOff() async throws {
        try await withServer(configure: { $0.headerTimeout = 0.2 }, handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n")
            #expect(try await client.readsEndOfFile())
        }
    }

    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        try await withServer(configure: { $0.idleTimeout = 0.2 }, handler: echoHandler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            #expect(try await client.readsEndOfFile())
        }
    }

    @Test func shutdownIsIdempotentAndRefusesNewConnections() async throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: echoHandler)
        try await server.start()
        let port = server.port
        let idle = try RawClient.connect(port: port)
        async let first: Void = server.shutdown()
        async let second: Void = server.shutdown()
        _ = await (first, second)
        await server.shutdown()
        await server.waitUntilStopped()
        #expect(try await idle.readsEndOfFile())
        #expect(throws: ClientError.self) { try RawClient.connect(port: port) }
    }

    @Test func bindingATakenPortFails() async throws {
        try await withServer(handler: echoHandler) { server in
            var configuration = HTTPServerConfiguration()
            configuration.port = server.port
            let second = HTTPServer(configuration: configuration, handler: echoHandler)
            await #expect(throws: ListenError.self) { try await second.start() }
        }
    }
}
