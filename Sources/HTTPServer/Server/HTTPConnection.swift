/// Serves one TCP connection: reads requests in order, runs the handler, writes responses,
/// and decides when the connection ends. Runs as one child task of the server's task group;
/// requests are answered by worker tasks it starts (see `serveInWorkers`).
///
/// A class so that the tasks' frames hold a reference to it rather than copies of the parser,
/// which a task's allocator would keep for as long as the connection lives.
// @unchecked Sendable: the connection task and its worker never run at once. The connection
// task touches this object only before it starts a worker and after `Task.value` returned
// the worker's outcome (which orders the worker's writes before its reads), and a worker
// reaches it only through the closure it was started with.
final class HTTPConnection: @unchecked Sendable {
    enum Ending {
        case close
        case reset
    }

    /// How a worker's turn at the connection ended.
    enum WorkerOutcome {
        case ended(Ending)
        /// Waiting for the next request, which the connection's own task reads.
        case idle
        /// A stepped stream paused: the connection's own task goes on with it. (Boxed: the
        /// outcome is part of the connection task's frame, which a stalled stream keeps.)
        indirect case parked(ParkedStream)
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

    enum SendOutcome {
        case sent(keepAlive: Bool)
        case parked(ParkedStream)
    }

    /// How long a connection may keep sending after an error response before it is cut off.
    static let lingerSeconds = 2.0

    let channel: SocketChannel
    let context: ServerContext
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
        let connection = HTTPConnection(
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
        let connection = HTTPConnection(
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
    /// it ends, and a handler's chain is deep. So this task only reads until a request is
    /// whole and steps parked streams; a worker task answers the request, and ends when a
    /// stepped stream pauses (this task steps the rest) or, in a crowd, when the connection
    /// goes idle. A stream that stalls for minutes, or an idle connection, then holds one
    /// shallow task, not the handler's slabs.
    @inline(never)
    private func serveInWorkers() async -> Ending {
        while true {
            let outcome: WorkerOutcome
            do {
                guard let worker = try await nextWorker() else { return .close }
                outcome = await Self.outcome(of: worker)
            } catch {
                logFailure(error)
                return .close
            }
            switch outcome {
            case .ended(let ending):
                return ending
            case .idle:
                continue
            case .parked(let parked):
                if let ending = await finish(parked) { return ending }
            }
        }
    }

    /// Reads until a request (or a protocol error) is whole and starts a worker on it; nil when
    /// the client closed first. A `100 Continue` the client waits for is sent here: it needs
    /// no worker.
    @inline(never)
    private func nextWorker() async throws -> Task<WorkerOutcome, Never>? {
        while true {
            switch parser.next() {
            case .continueExpected:
                try await channel.write(HTTPResponseEncoder.continueResponse)
            case .some(let event):
                return startWorker(event)
            case nil:
                if try await readMore() == false { return nil }
            }
        }
    }

    /// A worker is a task of its own, on this connection's loop. (A task-group child grew the
    /// connection task's allocator by a slab, which a stalled stream then kept; an `async let`
    /// child lives in it until its scope ends.)
    private func startWorker(_ event: consuming HTTPRequestParser.Event) -> Task<WorkerOutcome, Never> {
        Task(executorPreference: channel.registration.loop) { [event] in
            await self.run(startingWith: event)
        }
    }

    /// Waits for a worker, passing a cancellation of the connection's task on to it.
    @inline(never)
    private static func outcome(of worker: Task<WorkerOutcome, Never>) async -> WorkerOutcome {
        await withTaskCancellationHandler {
            await worker.value
        } onCancel: {
            worker.cancel()
        }
    }

    /// Waits for bytes and feeds them to the parser; false at end of file.
    private func readMore() async throws -> Bool {
        enterReadingPhase()
        // Read straight into the parser: an idle connection keeps no read buffer.
        let read = try await channel.read(into: &parser)
        if read.count == 0 { return false }
        // Reads and writes that do not block do not suspend: a client that sends its next
        // request the moment it has an answer kept its connection running and the others of its
        // loop waiting (streams, hundreds of milliseconds). A read that found bytes already
        // there lets them run first, as SwiftNIO bounds its reads per turn of the loop.
        if !read.waited { await Task.yield() }
        return true
    }

    /// Steps a parked stream to its end; returns how the connection ends, or nil to read the
    /// next request.
    @inline(never)
    private func finish(_ parked: ParkedStream) async -> Ending? {
        do {
            _ = try await drive(
                parked.body, chunked: parked.chunked, parks: false, pausingFirst: parked.pauseMilliseconds)
        } catch {
            logFailure(error)
            return .close
        }
        if let line = parked.log { log(line) }
        return parked.keepAlive ? nil : .close
    }

    /// Out of line, as the log events' temporaries would otherwise widen the frames of the
    /// connection's task.
    @inline(never)
    private func logFailure(_ error: any Error) {
        context.configuration.log?(.connectionFailed(reason: HTTPServerLogEvent.reason(for: error)))
    }

    @inline(never)
    private func log(_ line: RequestLog) {
        let elapsed = Double(SystemCalls.monotonicNanoseconds() - line.started) / 1e6
        context.configuration.log?(
            .request(method: line.method, target: line.target, status: line.status, milliseconds: elapsed))
    }

    /// The worker: answers `first`, then the requests after it, until the connection ends, a
    /// stream parks, or (in a crowd) the connection waits for its next request.
    private func run(startingWith first: consuming HTTPRequestParser.Event) async -> WorkerOutcome {
        var pending: HTTPRequestParser.Event? = first
        do {
            while true {
                guard let event = pending ?? parser.next() else {
                    // In a crowd, an idle connection waits in the connection's task, holding no worker.
                    if parser.bufferedByteCount == 0 && !parser.isReadingBody && context.isCrowded {
                        return .idle
                    }
                    if try await readMore() == false { return .ended(.close) }
                    continue
                }
                pending = nil
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
            logFailure(error)
            return .ended(.close)
        }
    }

    /// Answers one request; returns how the worker's turn ends, or nil to read the next request.
    /// What the answer needs from the request is taken out first, so neither the request nor
    /// the event that carried it stays alive while a response streams for minutes.
    private func serve(_ request: consuming HTTPRequest) async throws -> WorkerOutcome? {
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
            consume response, method: method, version: version, requestKeepAlive: requestKeepAlive,
            parks: true)
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
    private func enterReadingPhase() {
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
    func setPhase(_ next: ConnectionPhase, deadline: UInt64) {
        guard next != phase else { return }
        phase = next
        channel.registration.loop.update(channel.registration, phase: next, deadline: deadline)
    }
}
