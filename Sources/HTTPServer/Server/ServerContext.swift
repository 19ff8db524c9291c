import Dispatch
import Synchronization

#if canImport(Glibc)
    import CEpoll
#endif

/// What every connection of one server shares. Immutable apart from the atomic drain flag.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let handler: HTTPHandler
    let dates = DateCache()
    private let draining = Atomic<Bool>(false)
    /// Connections being served, and connections being refused (past the cap), right now.
    let openConnections = Atomic<Int>(0)
    let refusingConnections = Atomic<Int>(0)
    /// The most connections open at once since memory was last handed back to the system.
    private let peakConnections = Atomic<Int>(0)
    private let releaseScheduled = Atomic<Bool>(false)
    /// Refusals lingering at once; past this an over-cap connection is closed without a word.
    static let maxRefusalsInFlight = 64

    init(configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Counts a connection in, for `connectionEnded`'s peak.
    func connectionOpened() {
        let open = openConnections.wrappingAdd(1, ordering: .relaxed).newValue
        _ = peakConnections.max(open, ordering: .relaxed)
    }

    /// Counts a connection out. Once half of a crowd (`crowdedConnections` or more) has gone,
    /// hands the freed heap back to the system half a second later (glibc keeps freed memory
    /// in its arenas, so 5,000 closed streams would otherwise stay resident). The delay lets a
    /// crowd that leaves at once finish leaving: released at the first close, most of its
    /// memory would still be in use.
    func connectionEnded() {
        let open = openConnections.wrappingSubtract(1, ordering: .relaxed).newValue
        let peak = peakConnections.load(ordering: .relaxed)
        guard peak >= Self.crowdedConnections, open <= peak / 2 else { return }
        guard releaseScheduled.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
        else { return }
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + 0.5) { [self] in
            peakConnections.store(openConnections.load(ordering: .relaxed), ordering: .relaxed)
            #if canImport(Glibc)
                cepoll_release_free_memory()
            #endif
            releaseScheduled.store(false, ordering: .relaxed)
        }
    }

    /// From this many open connections on, memory per connection counts more than speed: a
    /// worker hands an idle connection back to its connection's task rather than waiting for
    /// the next request (see `HTTPConnection`), so a crowd of idle keep-alive connections holds
    /// no worker each. Below it, a worker serves request after request, which is faster.
    static let crowdedConnections = 512

    var isCrowded: Bool { openConnections.load(ordering: .relaxed) >= Self.crowdedConnections }

    var isDraining: Bool { draining.load(ordering: .acquiring) }

    func beginDraining() {
        draining.store(true, ordering: .releasing)
    }

    /// A monotonic deadline `seconds` from now.
    static func deadline(after seconds: Double) -> UInt64 {
        let clamped = max(0, min(seconds, 1e6))
        return SystemCalls.monotonicNanoseconds() + UInt64(clamped * 1e9)
    }
}
