import Synchronization

/// What every connection of one server shares. Immutable apart from the atomic drain flag.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let handler: HTTPHandler
    let dates = DateCache()
    private let draining = Atomic<Bool>(false)
    /// Connections being served, and connections being refused (past the cap), right now.
    let openConnections = Atomic<Int>(0)
    let refusingConnections = Atomic<Int>(0)
    /// Refusals lingering at once; past this an over-cap connection is closed without a word.
    static let maxRefusalsInFlight = 64

    init(configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

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
