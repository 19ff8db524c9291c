import Foundation
import Locking
import Synchronization

/// An HTTP/1.1 server on non-blocking POSIX sockets and epoll.
///
/// Structured: `run()` binds, serves in the calling task (the accept loop and every
/// connection are its children) and returns once the server has stopped.
/// ```swift
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { try await server.run() }
///     ...
///     await server.shutdown()      // graceful: stop accepting, finish in-flight work
/// }
/// ```
/// `start()` is the same in a task of its own, returning once the socket is bound, for
/// callers that need `port` before they go on (tests, the CLI's "listening on" line).
public final class HTTPServer: Sendable {
    private struct Runtime: Sendable {
        var loops: [EventLoop]
        var context: ServerContext
    }

    private enum Lifecycle {
        case idle
        /// `stopRequested` records a shutdown that arrived while binding; `run` honours it.
        case starting(stopRequested: Bool)
        case running(Runtime)
        case stopping
        case stopped
    }

    public let configuration: HTTPServerConfiguration
    let handler: HTTPHandler
    private let lifecycle = Locked(Lifecycle.idle)
    private let boundPort = Atomic<Int>(0)
    /// Fired once binding succeeded or failed (then `launchError` says why).
    private let launched = AsyncSignal()
    private let launchError = Locked<(any Error)?>(nil)
    /// Fired by `shutdown()`: the serving task then drains.
    private let stopRequested = AsyncSignal()
    private let stopped = AsyncSignal()

    public init(configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Binds, listens and serves until `shutdown()` (graceful) or until the calling task is
    /// cancelled (in-flight responses are then cancelled at once), and returns once every
    /// connection is closed.
    /// - Throws: `ListenError` when the address cannot be bound, or when already started.
    public func run() async throws {
        try claimStart()
        try await runClaimed()
    }

    /// Moves from idle to starting; only one `run` or `start` may ever do so.
    private func claimStart() throws {
        let mayStart = lifecycle.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .starting(stopRequested: false)
            return true
        }
        guard mayStart else { throw ListenError(description: "the server was already started") }
    }

    private func runClaimed() async throws {
        _ = SystemCalls.ignoreSIGPIPE
        let runtime: Runtime
        let listener: Listener
        let registration: Registration
        do {
            (runtime, listener, registration) = try launch()
        } catch {
            lifecycle.withLock { $0 = .stopped }
            launchError.withLock { $0 = error }
            launched.fire()
            stopped.fire()
            throw error
        }
        let stopAtOnce = lifecycle.withLock { state -> Bool in
            if case .starting(stopRequested: true) = state {
                state = .stopping
                return true
            }
            state = .running(runtime)
            return false
        }
        if stopAtOnce { stopRequested.fire() }
        launched.fire()
        await serve(runtime, listener: listener, registration: registration)
        lifecycle.withLock { $0 = .stopped }
        stopped.fire()
    }

    /// Runs `run()` in a task of its own and returns once the socket is bound (or, when
    /// `shutdown` was called meanwhile, once the server has stopped again).
    /// - Throws: `ListenError` when the address cannot be bound, or when already started.
    public func start() async throws {
        // Claimed here, not in the task: a shutdown in between then finds `.starting` and
        // waits for the launch instead of leaving this call waiting for one that never comes.
        try claimStart()
        Task { try? await self.runClaimed() }
        _ = try await waitUntilListening()
    }

    /// Suspends until `run()` has bound its socket, and returns the port.
    /// - Throws: the error `run()` failed to bind with.
    public func waitUntilListening() async throws -> Int {
        await launched.wait()
        if let error = launchError.withLock({ $0 }) { throw error }
        return port
    }

    private func launch() throws -> (Runtime, Listener, Registration) {
        let listener = try Listener.bind(host: configuration.host, port: configuration.port)
        let count =
            configuration.eventLoopCount > 0
            ? configuration.eventLoopCount : max(1, ProcessInfo.processInfo.activeProcessorCount)
        let sweepInterval = min(configuration.headerTimeout, configuration.idleTimeout) / 4
        var loops: [EventLoop] = []
        let listenerRegistration: Registration
        do {
            for index in 0..<count {
                loops.append(try EventLoop(name: "http-loop-\(index)", sweepInterval: sweepInterval))
            }
            listenerRegistration = try loops[0].register(listener.fd, phase: .listener)
        } catch {
            SystemCalls.closeDescriptor(listener.fd)
            for loop in loops { loop.stop() }
            throw error
        }
        for loop in loops { loop.start() }
        boundPort.store(listener.port, ordering: .releasing)
        let context = ServerContext(configuration: configuration, handler: handler)
        return (Runtime(loops: loops, context: context), listener, listenerRegistration)
    }

    /// The accept loop as a child task, until a shutdown request; then the drain: idle
    /// connections close, in-flight ones get `shutdownGracePeriod` before they are cancelled.
    private func serve(_ runtime: Runtime, listener: Listener, registration: Registration) async {
        let context = runtime.context
        let acceptingDone = AsyncSignal()
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                group.addTask(executorPreference: runtime.loops[0]) {
                    await Self.acceptConnections(
                        listener: listener, registration: registration, loops: runtime.loops, context: context
                    )
                    acceptingDone.fire()
                }
                await stopRequested.wait()
                context.beginDraining()
                for loop in runtime.loops { loop.beginDraining() }
                let grace = configuration.shutdownGracePeriod
                // The waiting child cannot be cancelled, so the cut-off happens inside the
                // timer group: cancelling the connections is what lets that child finish.
                await withTaskGroup(of: Bool.self) { timer in
                    timer.addTask {
                        await acceptingDone.wait()
                        return true
                    }
                    timer.addTask {
                        try? await Task.sleep(for: .seconds(grace))
                        return false
                    }
                    let finishedInTime = await timer.next() ?? true
                    if !finishedInTime { group.cancelAll() }
                    timer.cancelAll()
                }
            }
        } onCancel: {
            stopRequested.fire()
        }
        for loop in runtime.loops { loop.stop() }
    }

    /// How many connections the accept loop takes before it lets the loop run the others, as
    /// SwiftNIO bounds a server channel's reads per turn.
    static let acceptsPerTurn = 16

    /// Accepts until shutdown; each connection is one child of a discarding task group, so
    /// finished connections leave nothing behind and shutdown can wait for all of them.
    private static func acceptConnections(
        listener: Listener, registration: Registration, loops: [EventLoop], context: ServerContext
    ) async {
        await withDiscardingTaskGroup { group in
            var next = 0
            var acceptedThisTurn = 0
            accepting: while !context.isDraining {
                if acceptedThisTurn == Self.acceptsPerTurn {
                    // A burst of thousands of connections is taken in turns: each batch reads,
                    // is answered and settles before the next is accepted, so their
                    // short-lived buffers do not all live at once and leave the heap in holes
                    // between the long-lived streams (and the loop's other connections run).
                    acceptedThisTurn = 0
                    await Task.yield()
                }
                let result = listener.accept()
                switch result {
                case .accepted(let fd):
                    let loop = loops[next % loops.count]
                    next &+= 1
                    acceptedThisTurn += 1
                    admit(fd, loop: loop, context: context, group: &group)
                case .wouldBlock:
                    acceptedThisTurn = 0
                    do { try await registration.loop.wait(.read, registration) } catch { break accepting }
                case .outOfResources, .failed:
                    if case .failed(let number) = result {
                        context.configuration.log?(
                            .acceptFailed(errorNumber: number, outOfDescriptors: false))
                    } else {
                        context.configuration.log?(.acceptFailed(errorNumber: 0, outOfDescriptors: true))
                    }
                    // Out of descriptors: the connection stays queued; retry once some close.
                    do { try await Task.sleep(for: .milliseconds(50)) } catch { break accepting }
                }
            }
            registration.loop.deregister(registration)
            SystemCalls.closeDescriptor(listener.fd)
        }
    }

    /// Serves a new connection, or past `maxConnections` answers it 503. Only the accept loop
    /// adds to the counts, so reading then adding cannot overshoot the cap.
    private static func admit(
        _ fd: Int32, loop: EventLoop, context: ServerContext, group: inout DiscardingTaskGroup
    ) {
        if context.openConnections.load(ordering: .relaxed) < context.configuration.maxConnections {
            context.connectionOpened()
            group.addTask(executorPreference: loop) {
                await HTTPConnection.serve(fd: fd, loop: loop, context: context)
                context.connectionEnded()
            }
        } else if context.refusingConnections.load(ordering: .relaxed) < ServerContext.maxRefusalsInFlight {
            context.refusingConnections.add(1, ordering: .relaxed)
            group.addTask(executorPreference: loop) {
                await HTTPConnection.refuseOverCapacity(fd: fd, loop: loop, context: context)
                context.refusingConnections.subtract(1, ordering: .relaxed)
            }
        } else {
            SystemCalls.closeDescriptor(fd)
        }
    }

    /// The bound port (the real one when the configuration asked for 0); 0 before `start`.
    public var port: Int {
        boundPort.load(ordering: .acquiring)
    }

    /// Stops accepting, closes idle connections, lets in-flight responses finish up to
    /// `shutdownGracePeriod`, cancels the rest and closes every connection. Safe to call more
    /// than once and from several tasks; every call returns once the server has stopped.
    public func shutdown() async {
        let neverStarted = lifecycle.withLock { state -> Bool in
            switch state {
            case .idle:
                state = .stopped
                return true
            case .running:
                state = .stopping
            case .starting:
                // `run` is binding; it drains as soon as it is done, then fires `stopped`.
                state = .starting(stopRequested: true)
            case .stopping, .stopped:
                break
            }
            return false
        }
        if neverStarted {
            stopped.fire()
            return
        }
        stopRequested.fire()
        await stopped.wait()
    }

    /// Suspends until the server has stopped (after `shutdown`, or a signal when installed).
    public func waitUntilStopped() async {
        await stopped.wait()
    }
}
