/// Writing a response: the head, then the body in whichever form the handler gave it.
extension HTTPConnection {
    /// Writes the response; returns whether the connection stays open, or, when `parks`, the
    /// stepped stream it left at its first pause. Its headers and head are let go once
    /// written, so a stream holds only its body while it runs.
    func send(
        _ response: consuming HTTPResponse, method: String, version: HTTPVersion, requestKeepAlive: Bool,
        parks: Bool
    ) async throws -> SendOutcome {
        let body = response.body
        let kind: ResponsePlan.BodyKind
        switch body {
        case .bytes(let bytes): kind = .bytes(count: bytes.count)
        case .stream, .writerPacedStream, .stepped: kind = .stream
        case .resetConnection: kind = .bytes(count: 0)
        }
        let plan = ResponsePlan.make(
            method: method, version: version, requestKeepAlive: requestKeepAlive, status: response.status,
            body: kind, responseHeaders: response.headers, draining: context.isDraining)
        var head = HTTPResponseEncoder.head(
            status: response.status, headers: response.headers, plan: plan, requestVersion: version,
            date: context.dates.current(), serverName: context.configuration.serverName)
        _ = consume response
        switch body {
        case .bytes(let bytes):
            guard plan.sendsBody, !bytes.isEmpty else {
                try await channel.write(head)
                break
            }
            if bytes.count <= 64 * 1024 {
                head.append(contentsOf: bytes)
                try await channel.write(head)
            } else {
                try await channel.write(head)
                try await channel.write(bytes)
            }
        case .stream(let body):
            try await channel.write(head)
            head = []
            if plan.sendsBody {
                try await stream(body, chunked: plan.framing == .chunked)
            }
        case .writerPacedStream(let body):
            try await channel.write(head)
            head = []
            if plan.sendsBody {
                let chunked = plan.framing == .chunked
                try await body(writer(chunked: chunked))
                if chunked { try await channel.write(HTTPResponseEncoder.lastChunk) }
            }
        case .stepped(let body):
            try await channel.write(head)
            head = []
            let chunked = plan.framing == .chunked
            if plan.sendsBody, let pause = try await drive(body, chunked: chunked, parks: parks) {
                return .parked(
                    ParkedStream(
                        body: body, chunked: chunked, keepAlive: plan.keepAlive, pauseMilliseconds: pause,
                        log: nil))
            }
        case .resetConnection:
            try await channel.write(head)
        }
        return .sent(keepAlive: plan.keepAlive)
    }

    /// Writes what a stepped body says, timing its pauses, and tells it how it ended. With
    /// `parks`, stops at its first pause and returns the pause's length; nil once it is done.
    func drive(
        _ body: any SteppedBody, chunked: Bool, parks: Bool, pausingFirst firstPause: Int = 0
    ) async throws -> Int? {
        var pause = firstPause
        while true {
            if pause > 0 {
                do {
                    try await channel.pause(milliseconds: pause)
                } catch {
                    body.finish(.clientGone(error))
                    throw error
                }
                pause = 0
            }
            let step: BodyStep
            do {
                step = try body.next()
            } catch {
                body.finish(.failed(error))
                throw error
            }
            switch step {
            case .write(let bytes):
                // An empty chunk would end a chunked body.
                guard !bytes.isEmpty else { continue }
                do {
                    try await channel.write(chunked ? HTTPResponseEncoder.chunk(bytes) : bytes)
                } catch {
                    body.finish(.clientGone(error))
                    throw error
                }
            case .pause(let milliseconds):
                if parks && milliseconds > 0 { return milliseconds }
                pause = milliseconds
            case .end:
                body.finish(.completed)
                if chunked { try await channel.write(HTTPResponseEncoder.lastChunk) }
                return nil
            }
        }
    }

    /// Runs the body closure while watching the socket: if the client hangs up, the closure's
    /// task is cancelled rather than left writing into the void. A half-close (FIN) counts as a
    /// hang-up, as in Go's net/http and nginx: TCP cannot tell it from a full close until a write
    /// draws a reset, and stream clients do not half-close on purpose.
    private func stream(_ body: @escaping @Sendable (HTTPBodyWriter) async throws -> Void, chunked: Bool)
        async throws
    {
        let channel = self.channel
        let writer = writer(chunked: chunked)
        // The body runs as the one child task; this task watches for the hang-up meanwhile, and
        // the body wakes it when done. (Two children, body and watcher, cost a task more per
        // open stream, and idle streams are what a shared mock holds most of.)
        channel.beginHangupWatch()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { channel.endHangupWatch() }
                try await body(writer)
            }
            do {
                try await channel.waitForHangup()
                group.cancelAll()
                throw ConnectionClosedError(errorNumber: 0)
            } catch IOWaitError.watchEnded {
                try await group.next()
            } catch {
                group.cancelAll()
                throw error
            }
        }
        if chunked { try await channel.write(HTTPResponseEncoder.lastChunk) }
    }

    /// Writes a body to this connection; pauses are timed by its loop and end on a hang-up.
    private func writer(chunked: Bool) -> HTTPBodyWriter {
        let channel = self.channel
        return HTTPBodyWriter(
            { bytes in try await channel.write(chunked ? HTTPResponseEncoder.chunk(bytes) : bytes) },
            pause: { milliseconds in try await channel.pause(milliseconds: milliseconds) })
    }

    /// Answers a protocol error, then closes gracefully: stop sending, and discard what the
    /// client still sends (for a while) so the kernel does not reset the connection before the
    /// client has read the answer.
    func answer(_ error: HTTPProtocolError) async {
        let response = context.configuration.protocolErrorResponder(error.status, error.reason, error.path)
        _ = try? await send(response, method: "GET", version: .http1_1, requestKeepAlive: false, parks: false)
        SystemCalls.shutdownWrite(channel.fd)
        setPhase(.closing, deadline: ServerContext.deadline(after: Self.lingerSeconds))
        while let n = try? await channel.discardAvailable(), n > 0 {}
    }
}
