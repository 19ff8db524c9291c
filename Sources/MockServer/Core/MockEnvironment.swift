import HTTPServer
import SessionsAPI

/// What every route of the mock shares: options, the clock and the id generator, and the
/// two APIs' stores. One per running mock; stores keep each namespace apart.
public final class MockEnvironment: Sendable {
    public let options: MockOptions
    public let clock: MockClock
    public let ids: IDGenerator
    public let konnect: KonnectStore
    public let cid222: CID222Store
    /// Registered faults, per namespace (`/__admin/faults`).
    public let faults: FaultStore
    /// Recent API requests, per namespace (`/__admin/requests`).
    public let journal: RequestJournal
    /// Scripted assistant replies, per namespace (`/__admin/replies`).
    public let replies: ScriptedReplyStore
    /// Whose turn it is to send into each busy CID222 session.
    let cid222Turns = CID222TurnQueue()
    /// The namespaces holding state, capped by `options.limits.maxNamespaces`.
    let namespaces: NamespaceRegistry

    public init(options: MockOptions) {
        self.options = options
        clock = MockClock(options.clock)
        ids = IDGenerator(seed: options.seed)
        konnect = KonnectStore()
        cid222 = CID222Store()
        faults = FaultStore()
        journal = RequestJournal(
            capacity: options.journalSize, bodyLimit: options.journalBodyLimit,
            maxTotalBytes: options.limits.maxJournalBytes)
        replies = ScriptedReplyStore(maxTotal: options.limits.maxScriptedReplies)
        namespaces = NamespaceRegistry(limit: options.limits.maxNamespaces)
    }

    /// The header that scopes sessions, journal and faults to one test.
    public static let namespaceHeader = "X-Mock-Namespace"
    public static let defaultNamespace = "default"

    /// The namespace a request belongs to.
    public static func namespace(of request: HTTPRequest) -> String {
        guard let value = request.headers[namespaceHeader], !value.isEmpty else { return defaultNamespace }
        return value
    }
}

extension MockEnvironment {
    /// Forgets the state of one namespace, or of all when nil: sessions of both APIs, the
    /// journal, faults and scripted replies. Ids and the clock keep counting, so answers
    /// after a reset never repeat an earlier id.
    public func reset(namespace: String?) {
        konnect.reset(namespace: namespace)
        cid222.reset(namespace: namespace)
        journal.clear(namespace: namespace)
        faults.clear(namespace: namespace)
        replies.clear(namespace: namespace)
        namespaces.forget(namespace)
    }
}
