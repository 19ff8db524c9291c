import Dispatch
import Locking

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into a graceful shutdown, for command-line servers.
///
/// ```swift
/// let signals = SignalShutdown.install { await server.shutdown() }
/// await server.waitUntilStopped()   // then return from main: exit status 0
/// ```
/// Keep the returned value alive as long as the handlers should stay installed.
public final class SignalShutdown: Sendable {
    private let sources: Locked<[any DispatchSourceSignal]>

    private init(sources: sending [any DispatchSourceSignal]) {
        self.sources = Locked(sources)
    }

    /// Installs handlers for `signals` that run `action` once, on the first signal received.
    /// - Parameters:
    ///   - signals: the signals to handle; their default action is disabled.
    ///   - action: the shutdown to run, typically `server.shutdown()`.
    public static func install(
        signals: [Int32] = [SIGINT, SIGTERM], action: @escaping @Sendable () async -> Void
    ) -> SignalShutdown {
        let fired = Locked(false)
        let queue = DispatchQueue(label: "http-server.signals")
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            _ = signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let first = fired.withLock { wasFired -> Bool in
                    defer { wasFired = true }
                    return !wasFired
                }
                guard first else { return }
                Task { await action() }
            }
            source.resume()
            sources.append(source)
        }
        return SignalShutdown(sources: sources)
    }

    /// Removes the handlers.
    public func cancel() {
        sources.withLock { list in
            for source in list { source.cancel() }
            list = []
        }
    }
}
