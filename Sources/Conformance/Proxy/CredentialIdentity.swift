import JSONSchema

/// Who a request speaks for, without keeping its secret: the proxy must tell identities
/// apart (a session seen under one must never show under another) but may neither print nor
/// store credentials.
///
/// CID222 scopes sessions by tenant, so its identity is the JWT's `sub` claim (read, not
/// verified: only the target can verify, and only answers it accepted are tracked); a
/// refreshed token of the same tenant is the same identity. A Konnect key is its own user,
/// kept as a hash seeded per process, so it cannot be read back.
enum CredentialIdentity {
    /// The identity of a bearer credential, or nil without one.
    static func of(_ credential: BearerCredential?, api: APIKind) -> String? {
        guard let credential else { return nil }
        if api == .cid222, credential.isJWT, let tenant = credential.claims?["sub"]?.stringValue {
            return "tenant:\(tenant)"
        }
        var hasher = Hasher()
        hasher.combine(credential.token)
        return "key#\(String(UInt(bitPattern: hasher.finalize()), radix: 36))"
    }

    /// The `Authorization` value with its credential masked: the scheme stays, so a report
    /// can still say whether a Bearer credential was sent.
    static func masked(_ value: String) -> String {
        let scheme = value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        return scheme.isEmpty || scheme == value ? "<redacted>" : "\(scheme) <redacted>"
    }

    /// Header names whose values are credentials wherever they appear.
    static let credentialHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "x-api-key",
    ]
}
