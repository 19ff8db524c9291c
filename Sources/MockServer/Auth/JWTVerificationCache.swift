import Locking

/// Tokens whose MAC verified, with their claims as read, so a client that sends the same
/// token on every request pays for HMAC-SHA256 and a JSON parse once. Keyed by the token's
/// text and the secret: another secret, or one changed byte, is a miss. Only what is fixed
/// by those bytes is kept; `exp`, `nbf` and `iat` are judged against the clock on every use.
/// Bounded: each stripe starts over when full.
final class JWTVerificationCache: Sendable {
    static let shared = JWTVerificationCache()

    static let entriesPerStripe = 64

    private struct Key: Hashable {
        let token: String
        let secret: [UInt8]
    }

    private let stripes: [Locked<[Key: JWTVerifier.RawClaims]>]

    init(stripeCount: Int = 16) {
        stripes = (0..<max(1, stripeCount)).map { _ in Locked([:]) }
    }

    private func stripe(of key: Key) -> Locked<[Key: JWTVerifier.RawClaims]> {
        stripes[Int(UInt(bitPattern: key.hashValue) % UInt(stripes.count))]
    }

    func claims(token: String, secret: [UInt8]) -> JWTVerifier.RawClaims? {
        let key = Key(token: token, secret: secret)
        return stripe(of: key).withLock { $0[key] }
    }

    func store(_ claims: JWTVerifier.RawClaims, token: String, secret: [UInt8]) {
        let key = Key(token: token, secret: secret)
        stripe(of: key).withLock { entries in
            if entries.count >= Self.entriesPerStripe { entries.removeAll(keepingCapacity: true) }
            entries[key] = claims
        }
    }
}
