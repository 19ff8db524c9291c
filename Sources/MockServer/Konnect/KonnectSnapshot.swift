/// The whole of a `KonnectStore`: namespace → API key fingerprint (`KonnectKeyFingerprint`)
/// → sessions. Codable, so the admin routes can save and restore a mock's state.
public struct KonnectSnapshot: Codable, Sendable, Equatable {
    var namespaces: [String: [String: KonnectUserSessions]] = [:]

    public init() {}

    /// A missing `namespaces` reads as none, so `{}` is an empty store (as the schema allows).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        namespaces =
            try container.decodeIfPresent([String: [String: KonnectUserSessions]].self, forKey: .namespaces)
            ?? [:]
    }

    /// How many sessions the snapshot holds, over every namespace and key.
    public var sessionCount: Int {
        namespaces.values.reduce(0) { total, users in
            total + users.values.reduce(0) { $0 + $1.sessions.count }
        }
    }
}
