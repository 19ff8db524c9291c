import Foundation
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
    /// The identity of an `Authorization` value, or nil without a bearer credential.
    static func of(authorization: String?, api: APIKind) -> String? {
        guard let value = authorization?.trimmingCharacters(in: .whitespaces) else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let credential = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard !credential.isEmpty else { return nil }
        if api == .cid222, let tenant = tenant(ofJWT: credential) { return "tenant:\(tenant)" }
        var hasher = Hasher()
        hasher.combine(credential)
        return "key#\(String(UInt(bitPattern: hasher.finalize()), radix: 36))"
    }

    private static func tenant(ofJWT token: String) -> String? {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else { return nil }
        var base64 = segments[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(
            of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let claims = try? JSONValue.parse(Array(data)) else {
            return nil
        }
        return claims["sub"]?.stringValue
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
