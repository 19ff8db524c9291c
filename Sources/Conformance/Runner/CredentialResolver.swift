import Foundation

/// Turns an identity into the `Authorization` value a request carries, and knows the
/// placeholder that stands for it in anything a person reads.
struct CredentialResolver: Sendable {
    let api: APIKind
    let credentials: Credentials

    /// The header value, or nil when the identity sends none.
    /// Throws when the identity needs a credential the run was not given.
    func authorization(for identity: Identity) throws(MissingCredential) -> String? {
        switch identity {
        case .none:
            return nil
        case .a:
            return "Bearer " + (try require(primary, "a"))
        case .b:
            return "Bearer " + (try require(secondary, "b"))
        case .forged:
            let value = try require(primary, "a")
            return "Bearer " + Self.forge(value, api: api)
        case .expired:
            guard api == .cid222, let token = credentials.expiredToken else {
                throw MissingCredential(
                    identity: .expired,
                    hint: "an expired token comes from --expired-token or the built-in mock")
            }
            return "Bearer " + token
        case .noClaims:
            guard api == .cid222, let token = credentials.claimlessToken else {
                throw MissingCredential(
                    identity: .noClaims,
                    hint: "a signed token without claims is only available from the in-process mock")
            }
            return "Bearer " + token
        case .algNone:
            guard api == .cid222, let token = primary, let unsigned = Self.unsigned(token) else {
                throw MissingCredential(identity: .algNone, hint: "needs a JWT for identity a")
            }
            return "Bearer " + unsigned
        }
    }

    /// Which identities this run can act as.
    func isAvailable(_ identity: Identity) -> Bool {
        (try? authorization(for: identity)) != nil || identity == .none
    }

    private var primary: String? { api == .cid222 ? credentials.token : credentials.apiKey }
    private var secondary: String? { api == .cid222 ? credentials.tokenB : credentials.apiKeyB }

    private func require(_ value: String?, _ name: String) throws(MissingCredential) -> String {
        guard let value, !value.isEmpty else {
            let flag =
                api == .cid222
                ? (name == "a" ? "--token" : "--token-b") : (name == "a" ? "--api-key" : "--api-key-b")
            throw MissingCredential(identity: name == "a" ? .a : .b, hint: "give \(flag)")
        }
        return value
    }

    /// The credential with its last characters changed: same shape, wrong secret.
    static func forge(_ credential: String, api: APIKind) -> String {
        if api == .konnect {
            let prefix = credential.hasPrefix("sk_live_") ? "sk_live_" : "sk_test_"
            return prefix + "conformanceForgedKey0000"
        }
        guard let dot = credential.lastIndex(of: ".") else { return credential + "x" }
        let signature = credential[credential.index(after: dot)...]
        let flipped = signature.first == "A" ? "B" : "A"
        return credential[...dot] + flipped + signature.dropFirst()
    }

    /// The JWT's claims under an `alg: none` header and an empty signature.
    static func unsigned(_ token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return header + "." + parts[1] + "."
    }
}

/// An identity a scenario needs but the run was not given.
struct MissingCredential: Error, CustomStringConvertible {
    var identity: Identity
    var hint: String

    var description: String { "no credential for identity '\(identity.rawValue)' (\(hint))" }
}
