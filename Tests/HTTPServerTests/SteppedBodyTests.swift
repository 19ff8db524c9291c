import Locking
import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// Stepped bodies are written and timed by the connection: the worker that answered stops at
/// the first pause and the connection's own task steps the rest. Whatever the path, the body
/// is framed like any stream, is told exactly once how it ended, and the connection reads its
/// next request afterwards.
@Suite("Stepped bodies", .timeLimit(.minutes(1)))
struct SteppedBodyTests {
    /// Plays `steps` in order (a nil step throws), then records the ending it is told.
    final class ScriptedBody: SteppedBody {
        struct Failure: Error {}
        private let steps: Locked<[BodyStep?]>
        private let endings = Locked<[String]>([])
        let ended = AsyncSignal()

        init(_ steps: [BodyStep?]) { self.steps = Locked(steps) }

        func next() throws -> BodyStep {
            let step = steps.withLock { $0.isEmpty ? BodyStep.end : $0.removeFirst() }
            guard let step else { throw Failure() }
            return step
        }

        func finish(_ ending: StreamEnding) {
            let name: String
            switch ending {
            case .completed: name = "completed"
            case .failed(let error): name = "failed(\(type(of: error)))"
            case .clientGone: name = "clientGone"
            }
            endings.withLock { $0.append(name) }
            ended.fire()
        }

        var endingsSoFar: [String] { endings.withLock { $0 } }
    }

    private static func serving(
        _ makeBody: @escaping @Sendable () -> ScriptedBody, into bodies: Locked<[ScriptedBody]>
    )
        -> HTTPHandler
    {
        { _ in
            let body = makeBody()
            bodies.withLock { $0.append(body) }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "text/event-stream"], body: .stepped(body))
        }
    }

    @Test func aPausedBodyIsFramedFinishedOnceAndTheConnectionStaysUsable() async throws {
        let bodies = Locked<[ScriptedBody]>([])
        let handler = Self.serving(
            {
                ScriptedBody([
                    .write(Array("one".utf8)), .pause(milliseconds: 5), .write([]), .write(Array("two".utf8)),
                ])
            },
            into: bodies)
        try await withServer(handler: handler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.read(until: "\r\n\r\n")
            #expect(head.contains("Transfer-Encoding: chunked"))
            // The empty write is skipped: as a chunk it would end the body early.
            #expect(try await client.read(until: "0\r\n\r\n") == "3\r\none\r\n3\r\ntwo\r\n0\r\n\r\n")
            try await client.send("GET /again HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try await client.readResponse().text == "onetwo")
            let endings = bodies.withLock { $0.map(\.endingsSoFar) }
            #expect(endings == [["completed"], ["completed"]])
        }
    }

    /// Ten minutes of pause while parked in the connection's task, then the client leaves:
    /// the pause ends at once and the body hears of it.
    @Test(arguments: [false, true])
    func aClientThatLeavesDuringAParkedPauseEndsTheBody(reset: Bool) async throws {
        let bodies = Locked<[ScriptedBody]>([])
        let handler = Self.serving(
            {
                ScriptedBody([
                    .write(Array("one".utf8)), .pause(milliseconds: 600_000), .write(Array("two".utf8)),
                ])
            },
            into: bodies)
        try await withServer(handler: handler) { server in
            var client: RawClient? = try RawClient.connect(port: server.port)
            try await client?.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client?.read(until: "one\r\n")
            if reset { client?.resetOnClose() }
            client = nil
            let body = try #require(bodies.withLock { $0.first })
            await body.ended.wait()
            #expect(body.endingsSoFar == ["clientGone"])
        }
    }

    /// A body whose `next()` throws after a pause: it is told so, and the connection closes
    /// without the last chunk, so the client sees a truncated body rather than a whole one.
    @Test func aBodyThatFailsIsToldAndTheStreamIsCutShort() async throws {
        let bodies = Locked<[ScriptedBody]>([])
        let handler = Self.serving(
            { ScriptedBody([.write(Array("one".utf8)), .pause(milliseconds: 5), nil]) }, into: bodies)
        try await withServer(handler: handler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
            let received = String(decoding: try await client.readToEnd(), as: UTF8.self)
            #expect(received.hasSuffix("3\r\none\r\n"))
            #expect(bodies.withLock { $0.map(\.endingsSoFar) } == [["failed(Failure)"]])
        }
    }

    /// A HEAD request never starts the body: no bytes, no ending, and the next request is read.
    @Test func aHeadRequestSendsNoBodyAndNeverStepsIt() async throws {
        let bodies = Locked<[ScriptedBody]>([])
        let handler = Self.serving({ ScriptedBody([.write(Array("one".utf8))]) }, into: bodies)
        try await withServer(handler: handler) { server in
            let client = try RawClient.connect(port: server.port)
            try await client.send("HEAD /events HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.readResponse(bodyless: true)
            #expect(head.status == 200)
            try await client.send("GET /again HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try await client.readResponse().text == "one")
            #expect(bodies.withLock { $0.map(\.endingsSoFar) } == [[], ["completed"]])
        }
    }
}
