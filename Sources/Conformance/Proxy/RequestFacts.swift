import JSONSchema

/// What the response rules need to know of the request, without its secret: the query, the
/// body, what the client got wrong, and facts about its credential read at arrival (so
/// the credential itself is never kept).
struct RequestFacts: Sendable {
    /// What a bearer credential visibly is, from its text alone (no secret is needed).
    enum CredentialKind: Sendable, Equatable {
        case none
        /// A CID222 tenant API key (`cid_key_…`), which session endpoints must refuse.
        case tenantAPIKey
        /// Not three base64url parts holding JSON: not a JWT at all.
        case notAJWT
        /// A JWT whose header says `alg: none`.
        case unsignedJWT
        /// A JWT whose `exp` had passed when the request arrived.
        case expiredJWT
        /// Anything else: only the target can judge it.
        case other
    }

    var query: [String: String] = [:]
    var body: JSONValue?
    var credential: CredentialKind = .none
    var brokenByClient: [String] = []

    /// Classifies a CID222 bearer credential; `now` is the arrival time.
    static func classify(_ credential: BearerCredential?, authorization: String?, api: APIKind, now: Double)
        -> CredentialKind
    {
        guard authorization != nil else { return .none }
        guard let credential, api == .cid222 else { return .other }
        if credential.token.hasPrefix("cid_key_") { return .tenantAPIKey }
        guard credential.isJWT else { return .notAJWT }
        if credential.header?["alg"]?.stringValue?.lowercased() == "none" { return .unsignedJWT }
        // A minute of grace for clocks that differ between client, proxy and target.
        if let exp = credential.claims?["exp"]?.doubleValue, exp < now - 60 { return .expiredJWT }
        return .other
    }
}
