/// Serves one TCP connection: reads requests in order, runs the handler, writes responses,
/// and decides when the connection ends. Runs as one child task of the server's task group.
struct HTTPConnection {
    private enum Ending {
        case close
        case reset
    }

    /// How long a connection may keep sending after an error response before it is cut off.
    static let lingerSeconds = 2.0

    private let channel: SocketChannel
    private let context: ServerContext
    private var parser: HTTPRequestParser
    private var phase = ConnectionPhase.idle

    private init(channel: SocketChannel, context: ServerContext) {
        self.channel = channel
        self.context = context
        parser = HTTPRequestParser(
            maxHeaderSize: context.configuration.maxHeaderSize, maxBodySize: context.configuration.maxBodySize
        )
    }

    /// Registers `fd`, serves it until it ends, then closes it.
    static func serve(fd: Int32, loop: EventLoop, context: ServerContext) async {
        SystemCalls.setNoDelay(fd)
        let registration: Registration
        do {
            // A new connection must start its request within the header timeout.
            registration = try loop.register(
                fd, phase: .idle, deadline: ServerContext.deadline(after: context.configuration.headerTimeout)
            )
        } catch {
            SystemCalls.closeDescriptor(fd)
            return
        }
        var connection = HTTPConnection(
            channel: SocketChannel(
                registration: registration, writeTimeout: context.configuration.writeTimeout),
            context: context)
        let ending = await connection.run()
        loop.deregister(registration)
        switch ending {
        case .close: SystemCalls.closeDescriptor(fd)
        case .reset: SystemCalls.resetAndClose(fd)
        }
    }

    /// Answers a connection past `maxConnections` with 503 and closes it, lingering briefly
    /// (as after any error answer) so the client reads the 503 instead of a reset.
    static func refuseOverCapacity(fd: Int32, loop: EventLoop, context: ServerContext) async {
        let registration: Registration
        do {
            registration = try loop.register(
                fd, phase: .closing, deadline: ServerContext.deadline(after: Self.lingerSeconds))
        } catch {
            SystemCalls.closeDescriptor(fd)
            return
        }
        var connection = HTTPConnection(
            channel: SocketChannel(registration: registration, writeTimeout: Self.lingerSeconds),
            context: context)
        context.configuration.log?(.refusedOverCapacity(limit: context.configuration.maxConnections))
        await connection.answer(
            HTTPProtocolError(
                status: 503,
                reason: "the server is at its limit of \(context.configuration.maxConnections) connections"))
        loop.deregister(registration)
        SystemCalls.closeDescriptor(fd)
    }

    private mutating func run() async -> Ending {
        do {
            while true {
                guard let event = parser.next() else {
                    enterReadingPhase()
                    // Read straight into the parser: an idle connection keeps no read buffer.
                    let read = try await channel.read(into: &parser)
                    if read.count == 0 { return .close }
                    // Reads and writes that do not block do not suspend: a client that sends its
                    // next request the moment it has an answer kept its connection running and
                    // the others of its loop waiting (streams, hundreds of milliseconds). A read
                    // that found bytes already there lets them run first, as SwiftNIO bounds
                    // its reads per turn of the loop.
                    if !read.waited { await Task.yield() }
                    continue
                }
                switch event {
                case .continueExpected:
                    try await channel.write(HTTPResponseEncoder.continueResponse)
                case .failure(let error):
                    context.configuration.log?(.protocolError(status: error.status, reason: error.reason))
                    await answer(error)
                    return .close
                case .request(let request):
                    if let ending = try await serve(request) { return ending }
                }
            }
        } catch {
            context.configuration.log?(.connectionFailed(reason: HTTPServerLogEvent.reason(for: error)))
            return .close
        }
    }

    /// Answers one request; returns how the connection ends, or nil to read the next request.
    /// What the answer needs from the request is taken out first, so neither the request nor
    /// the event that carried it stays alive while a response streams for minutes.
    private mutating func serve(_ request: consuming HTTPRequest) async throws -> Ending? {
        setPhase(.active, deadline: .max)
        let log = context.configuration.log
        let started = log == nil ? 0 : SystemCalls.monotonicNanoseconds()
        let (method, version) = (request.method, request.version)
        let requestKeepAlive = HTTPFraming.keepAlive(headers: request.headers, version: version)
        let target = log == nil ? "" : request.target
        let response = await context.handler(request)
        if case .resetConnection = response.body { return .reset }
        // Idle, or streaming for minutes, the connection keeps no parse buffer either.
        parser.releaseSpareCapacity()
        let status = response.status
        let keepAlive = try await send(
            consume response, method: method, version: version, requestKeepAlive: requestKeepAlive)
        if let log {
            let elapsed = Double(SystemCalls.monotonicNanoseconds() - started) / 1e6
            log(.request(method: method, target: target, status: status, milliseconds: elapsed))
        }
        return keepAlive ? nil : .close
    }

    /// Picks the phase (and its deadline) that matches what the parser is waiting for.
    private mutating func enterReadingPhase() {
        let configuration = context.configuration
        if parser.isReadingBody {
            setPhase(.readingBody, deadline: ServerContext.deadline(after: configuration.idleTimeout))
        } else if parser.bufferedByteCount > 0 {
            setPhase(.readingHead, deadline: ServerContext.deadline(after: configuration.headerTimeout))
        } else {
            setPhase(.idle, deadline: ServerContext.deadline(after: configuration.idleTimeout))
        }
    }

    /// Tells the loop about a new phase; staying in a phase keeps its first deadline, which is
    /// what stops a client that trickles a head byte by byte.
    private mutating func setPhase(_ next: ConnectionPhase, deadline: UInt64) {
        guard next != phase else { return }
        phase = next
        channel.registration.loop.update(channel.registration, phase: next, deadline: deadline)
    }

    /// Writes the response; returns whether the connection stays open. Its headers and head
    /// are let go once written, so a stream holds only its body while it runs.
    private func send(
        _ response: consuming HTTPResponse, method: String, version: HTTPVersion, requestKeepAlive: Bool
    ) async throws -> Bool {
        let body = response.body
        let kind: ResponsePlan.BodyKind
        switch body {
        case .bytes(let bytes): kind = .bytes(count: bytes.count)
        case .stream, .writerPacedStream: kind = .stream
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
        case .resetConnection:
            try await channel.write(head)
        }
        return plan.keepAlive
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
    private mutating func answer(_ error: HTTPProtocolError) async {
        let response = context.configuration.protocolErrorResponder(error.status, error.reason, error.path)
        _ = try? await send(response, method: "GET", version: .http1_1, requestKeepAlive: false)
        SystemCalls.shutdownWrite(channel.fd)
        setPhase(.closing, deadline: ServerContext.deadline(after: Self.lingerSeconds))
        while let n = try? await channel.discardAvailable(), n > 0 {}
    }
}
