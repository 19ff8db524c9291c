/// Serves one TCP connection: reads requests in order, runs the handler, writes responses,
/// and decides when the connection ends. Runs as one child task of the server's task group,
/// which serves requests in a child of its own (see `serveInWorkers`).
struct HTTPConnection {
    enum Ending {
        case close
        case reset
    }

    /// How a worker's turn at the connection ended.
    enum WorkerOutcome {
        case ended(Ending)
        /// A stepped stream paused: the connection's own task goes on with it.
        case parked(ParkedStream)
    }

    /// A stepped stream that its worker left at a pause, with what finishing it needs.
    struct ParkedStream {
        var body: any SteppedBody
        var chunked: Bool
        var keepAlive: Bool
        var pauseMilliseconds: Int
        var log: RequestLog?
    }

    /// What the request's log line needs, for a server that logs.
    struct RequestLog {
        var method: String
        var target: String
        var status: Int
        var started: UInt64
    }

    private enum SendOutcome {
        case sent(keepAlive: Bool)
        case parked(ParkedStream)
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
        let ending = await connection.serveInWorkers()
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

    /// A task keeps the memory its deepest chain of calls grew (in slabs of about 1 KB) until
    /// it ends, and a handler's chain is deep. So requests are served by a child task, the
    /// worker; a stepped stream that pauses ends it, and this task, which never ran a handler,
    /// steps the rest of the stream and then starts a new worker for the next request. A
    /// stream that stalls for minutes then holds one shallow task, not the handler's slabs.
    private mutating func serveInWorkers() async -> Ending {
        while true {
            let (connection, outcome) = await Self.work(self)
            self = connection
            switch outcome {
            case .ended(let ending):
                return ending
            case .parked(let parked):
                if let ending = await finish(parked) { return ending }
            }
        }
    }

    /// Runs a worker in a task group, whose child lives on the heap and is freed once it
    /// ends: an `async let` child lives in this task's own allocator until its scope ends.
    private static func work(_ connection: HTTPConnection) async -> (HTTPConnection, WorkerOutcome) {
        await withTaskGroup(of: (HTTPConnection, WorkerOutcome).self) { group in
            group.addTask {
                var worker = connection
                let outcome = await worker.run()
                return (worker, outcome)
            }
            return await group.next() ?? (connection, .ended(.close))
        }
    }

    /// Steps a parked stream to its end; returns how the connection ends, or nil to read the
    /// next request.
    private mutating func finish(_ parked: ParkedStream) async -> Ending? {
        do {
            _ = try await drive(
                parked.body, chunked: parked.chunked, parks: false, pausingFirst: parked.pauseMilliseconds)
        } catch {
            context.configuration.log?(.connectionFailed(reason: HTTPServerLogEvent.reason(for: error)))
            return .close
        }
        if let line = parked.log { log(line) }
        return parked.keepAlive ? nil : .close
    }

    private func log(_ line: RequestLog) {
        let elapsed = Double(SystemCalls.monotonicNanoseconds() - line.started) / 1e6
        context.configuration.log?(
            .request(method: line.method, target: line.target, status: line.status, milliseconds: elapsed))
    }

    private mutating func run() async -> WorkerOutcome {
        do {
            while true {
                guard let event = parser.next() else {
                    enterReadingPhase()
                    // Read straight into the parser: an idle connection keeps no read buffer.
                    let read = try await channel.read(into: &parser)
                    if read.count == 0 { return .ended(.close) }
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
                    return .ended(.close)
                case .request(let request):
                    if let outcome = try await serve(request) { return outcome }
                }
            }
        } catch {
            context.configuration.log?(.connectionFailed(reason: HTTPServerLogEvent.reason(for: error)))
            return .ended(.close)
        }
    }

    /// Answers one request; returns how the worker's turn ends, or nil to read the next request.
    /// What the answer needs from the request is taken out first, so neither the request nor
    /// the event that carried it stays alive while a response streams for minutes.
    private mutating func serve(_ request: consuming HTTPRequest) async throws -> WorkerOutcome? {
        setPhase(.active, deadline: .max)
        let log = context.configuration.log
        let started = log == nil ? 0 : SystemCalls.monotonicNanoseconds()
        let (method, version) = (request.method, request.version)
        let requestKeepAlive = HTTPFraming.keepAlive(headers: request.headers, version: version)
        let target = log == nil ? "" : request.target
        let response = await context.handler(request)
        if case .resetConnection = response.body { return .ended(.reset) }
        // Idle, or streaming for minutes, the connection keeps no parse buffer either.
        parser.releaseSpareCapacity()
        let line =
            log == nil
            ? nil : RequestLog(method: method, target: target, status: response.status, started: started)
        let sent = try await send(
            consume response, method: method, version: version, requestKeepAlive: requestKeepAlive, parks: true)
        switch sent {
        case .sent(let keepAlive):
            if let line { self.log(line) }
            return keepAlive ? nil : .ended(.close)
        case .parked(var parked):
            parked.log = line
            return .parked(parked)
        }
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

    /// Writes the response; returns whether the connection stays open, or, when `parks`, the
    /// stepped stream it left at its first pause. Its headers and head are let go once
    /// written, so a stream holds only its body while it runs.
    private func send(
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
                        body: body, chunked: chunked, keepAlive: plan.keepAlive, pauseMilliseconds: pause, log: nil))
            }
        case .resetConnection:
            try await channel.write(head)
        }
        return .sent(keepAlive: plan.keepAlive)
    }

    /// Writes what a stepped body says, timing its pauses, and tells it how it ended. With
    /// `parks`, stops at its first pause and returns the pause's length; nil once it is done.
    private func drive(
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
    private mutating func answer(_ error: HTTPProtocolError) async {
        let response = context.configuration.protocolErrorResponder(error.status, error.reason, error.path)
        _ = try? await send(response, method: "GET", version: .http1_1, requestKeepAlive: false, parks: false)
        SystemCalls.shutdownWrite(channel.fd)
        setPhase(.closing, deadline: ServerContext.deadline(after: Self.lingerSeconds))
        while let n = try? await channel.discardAvailable(), n > 0 {}
    }
}
