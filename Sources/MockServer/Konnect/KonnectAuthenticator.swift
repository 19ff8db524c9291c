import HTTPServer

/// Who a Konnect request acts for: the API key is the user, inside the request's namespace.
/// Only the key's fingerprint is kept, so no store, export or log holds the credential.
struct KonnectCaller: Sendable, Equatable {
    var namespace: String
    /// `KonnectKeyFingerprint.of(apiKey)`.
    var user: String
}

/// Reads `Authorization: Bearer sk_test_…` / `sk_live_…` (DESIGN.md, Konnect auth). Any
/// well-formed key is a user of its own unless the mock was started with a list of keys.
struct KonnectAuthenticator: Sendable {
    /// Keys the mock accepts; empty accepts every well-formed key.
    var allowedKeys: Set<String>

    /// Longer keys are refused before they reach the store, so a hostile header costs nothing.
    static let maximumKeyLength = 256

    func authenticate(_ request: HTTPRequest) throws(KonnectAPIError) -> KonnectCaller {
        let values = request.headers.values("Authorization")
        guard let header = values.first else {
            throw .unauthorized("Missing Authorization header; send 'Authorization: Bearer sk_test_…'")
        }
        guard values.count == 1 else {
            // A malformed request, not a bad credential: which one would a proxy have used?
            // CID222 answers the same way (CID222Auth).
            throw .badRequest("More than one Authorization header; send exactly one")
        }
        let key = try Self.bearerToken(header)
        guard Self.isWellFormed(key) else {
            throw .unauthorized(
                "Malformed API key; expected sk_test_… or sk_live_… followed by letters, digits or '_'")
        }
        guard allowedKeys.isEmpty || allowedKeys.contains(key) else {
            throw .unauthorized("Unknown API key")
        }
        return KonnectCaller(
            namespace: MockEnvironment.namespace(of: request),
            user: KonnectFingerprintCache.fingerprint(of: key))
    }

    /// The credentials after a case-insensitive `Bearer` scheme (RFC 9110 §11.1).
    static func bearerToken(_ header: String) throws(KonnectAPIError) -> String {
        let trimmed = header.trimmingSpacesAndTabs()
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }),
            trimmed[..<space].lowercased() == "bearer"
        else {
            throw .unauthorized("Authorization must use the Bearer scheme: 'Bearer sk_test_…'")
        }
        let token = String(trimmed[space...]).trimmingSpacesAndTabs()
        guard !token.isEmpty else {
            throw .unauthorized("Authorization: Bearer carries no API key")
        }
        return token
    }

    /// `sk_test_` or `sk_live_`, then one or more of `[A-Za-z0-9_]`.
    static func isWellFormed(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard bytes.count <= maximumKeyLength else { return false }
        let prefix: [UInt8]
        if key.hasPrefix("sk_test_") {
            prefix = Array("sk_test_".utf8)
        } else if key.hasPrefix("sk_live_") {
            prefix = Array("sk_live_".utf8)
        } else {
            return false
        }
        let rest = bytes.dropFirst(prefix.count)
        return !rest.isEmpty && rest.allSatisfy(Self.isKeyByte)
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    fileprivate func trimmingSpacesAndTabs() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
