import Testing

@testable import MockServer

/// A token verified before skips only what its bytes fix: time is judged on every use, and
/// nothing about another token or another secret is taken from the cache.
@Suite("JWT verification cache")
struct JWTVerificationCacheTests {
    static let now: Int64 = 1_800_000_000
    let secret = Array("cache-test-secret".utf8)

    @Test func aCachedTokenStillExpires() throws {
        let token = JWTMinter.mint(
            tenant: "t", user: "u", ttl: 60, secret: "cache-test-secret", now: Self.now)
        let first = try JWTVerifier.verify(token: token, secret: secret, now: Self.now)
        let second = try JWTVerifier.verify(token: token, secret: secret, now: Self.now + 1)
        #expect(first == second)
        #expect(JWTVerificationCache.shared.claims(token: token, secret: secret) != nil)
        #expect(throws: JWTError.expired(at: Self.now + 60)) {
            try JWTVerifier.verify(token: token, secret: secret, now: Self.now + 60)
        }
    }

    @Test func anotherSecretOrAChangedSignatureIsVerifiedAfresh() throws {
        let token = JWTMinter.mint(tenant: "t", user: "v", secret: "cache-test-secret", now: Self.now)
        _ = try JWTVerifier.verify(token: token, secret: secret, now: Self.now)
        #expect(throws: JWTError.badSignature) {
            try JWTVerifier.verify(token: token, secret: Array("other".utf8), now: Self.now)
        }
        var tampered = token
        let last = tampered.removeLast()
        tampered.append(last == "A" ? "B" : "A")
        for _ in 0..<2 {
            #expect(throws: JWTError.badSignature) {
                try JWTVerifier.verify(token: tampered, secret: secret, now: Self.now)
            }
        }
        #expect(JWTVerificationCache.shared.claims(token: tampered, secret: secret) == nil)
    }

    @Test func theCacheIsBounded() {
        let cache = JWTVerificationCache(stripeCount: 1)
        let claims = JWTVerifier.RawClaims()
        for index in 0..<(JWTVerificationCache.entriesPerStripe * 3) {
            cache.store(claims, token: "token-\(index)", secret: secret)
        }
        let kept = (0..<(JWTVerificationCache.entriesPerStripe * 3)).filter {
            cache.claims(token: "token-\($0)", secret: secret) != nil
        }
        #expect(kept.count <= JWTVerificationCache.entriesPerStripe)
        #expect(kept.contains(JWTVerificationCache.entriesPerStripe * 3 - 1))
    }
}
