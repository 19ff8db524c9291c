import Foundation
import Locking
import Synchronization

/// An HTTP/1.1 server on non-blocking POSIX sockets and epoll.
///
/// ```swift
/// let server = HTTPServer(configuration: config, handler: router.handler)
/// try await server.start()          // bound; `server.port` is known
/// ...
/// await server.shutdown()           // graceful: stop accepting, finish in-flight work
/// ```
public final class HTTPServer: Sendable {
    private struct Runtime: Sendable {
        var loops: [EventLoop]
        var context: ServerContext
        var serveTask: Task<Void, Never>
    }

    private enum Lifecycle {
        case idle
        /// `stopRequested` records a shutdown that arrived while binding; `start` honours it.
        case starting(stopRequested: Bool)
        case running(Runtime)
        case stopping
        case stopped
    }

    public let configuration: HTTPServerConfiguration
    let handler: HTTPHandler
    private let lifecycle = Locked(Lifecycle.idle)
    private let boundPort = Atomic<Int>(0)
    private let stopped = AsyncSignal()

    public init(configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Binds, listens and starts serving. Returns once the socket is bound (or, when `shutdown`
    /// was called meanwhile, once the server has stopped again).
    /// - Throws: `ListenError` when the address cannot be bound, or when already started.
    public func start() async throws {
        let mayStart = lifecycle.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .starting(stopRequested: false)
            return true
        }
        guard mayStart else { throw ListenError(description: "the server was already started") }
        _ = SystemCalls.ignoreSIGPIPE
        let runtime: Runtime
        do {
            runtime = try launch()
        } catch {
            lifecycle.withLock { $0 = .stopped }
            stopped.fire()
            throw error
        }
        let stopRequested = lifecycle.withLock { state -> Bool in
            if case .starting(stopRequested: true) = state {
                state = .stopping
                return true
            }
            state = .running(runtime)
            return false
        }
        if stopRequested {
            await drain(runtime)
            lifecycle.withLock { $0 = .stopped }
            stopped.fire()
        }
    }

    private func launch() throws -> Runtime {
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
        let task = Task { [loops] in
            await Self.acceptConnections(
                listener: listener, registration: listenerRegistration, loops: loops, context: context)
        }
        return Runtime(loops: loops, context: context, serveTask: task)
    }

    /// Accepts until shutdown; each connection is one child of a discarding task group, so
    /// finished connections leave nothing behind and shutdown can wait for all of them.
    private static func acceptConnections(
        listener: Listener, registration: Registration, loops: [EventLoop], context: ServerContext
    ) async {
        await withDiscardingTaskGroup { group in
            var next = 0
            accepting: while !context.isDraining {
                switch listener.accept() {
                case .accepted(let fd):
                    let loop = loops[next % loops.count]
                    next &+= 1
                    admit(fd, loop: loop, context: context, group: &group)
                case .wouldBlock:
                    do { try await registration.loop.wait(.read, registration) } catch { break accepting }
                case .outOfResources, .failed:
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
            context.openConnections.add(1, ordering: .relaxed)
            group.addTask(executorPreference: loop) {
                await HTTPConnection.serve(fd: fd, loop: loop, context: context)
                context.openConnections.subtract(1, ordering: .relaxed)
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
        enum Step {
            case drain(Runtime)
            case markStopped
            case wait
        }
        let step = lifecycle.withLock { state -> Step in
            switch state {
            case .idle:
                state = .stopped
                return .markStopped
            case .running(let runtime):
                state = .stopping
                return .drain(runtime)
            case .starting:
                // `start` is binding; it drains as soon as it is done, then fires `stopped`.
                state = .starting(stopRequested: true)
                return .wait
            case .stopping, .stopped:
                return .wait
            }
        }
        switch step {
        case .markStopped:
            stopped.fire()
        case .wait:
            await stopped.wait()
        case .drain(let runtime):
            await drain(runtime)
            lifecycle.withLock { $0 = .stopped }
            stopped.fire()
        }
    }

    private func drain(_ runtime: Runtime) async {
        runtime.context.beginDraining()
        for loop in runtime.loops { loop.beginDraining() }
        let grace = configuration.shutdownGracePeriod
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await runtime.serveTask.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(grace))
                return false
            }
            let finishedInTime = await group.next() ?? true
            if !finishedInTime { runtime.serveTask.cancel() }
            group.cancelAll()
            await group.waitForAll()
        }
        for loop in runtime.loops { loop.stop() }
    }

    /// Suspends until the server has stopped (after `shutdown`, or a signal when installed).
    public func waitUntilStopped() async {
        await stopped.wait()
    }
}
