/// The CID222 store's whole state, for the admin export and import routes.
public struct CID222Snapshot: Codable, Sendable, Equatable {
    public struct Namespace: Codable, Sendable, Equatable {
        public var sessions: [CID222SessionRecord]
        public var nextSequence: Int

        public init(sessions: [CID222SessionRecord], nextSequence: Int) {
            self.sessions = sessions
            self.nextSequence = nextSequence
        }
    }

    /// Namespace name to its state.
    public var namespaces: [String: Namespace]

    public init(namespaces: [String: Namespace]) {
        self.namespaces = namespaces
    }

    /// A missing `namespaces` reads as none, so `{}` is an empty store (as the schema allows).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        namespaces = try container.decodeIfPresent([String: Namespace].self, forKey: .namespaces) ?? [:]
    }
}
