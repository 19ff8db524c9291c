import Testing

@testable import MockServer

@Suite("Konnect fingerprint cache")
struct KonnectFingerprintCacheTests {
    @Test func givesTheFingerprintOfEveryKeyEvenPastItsCapacity() {
        // Well past 16 stripes × their capacity, so every stripe starts over at least once.
        let keys = (0..<(20 * KonnectFingerprintCache.stripeCapacity)).map { "sk_test_cache\($0)" }
        for key in keys {
            #expect(KonnectFingerprintCache.fingerprint(of: key) == KonnectKeyFingerprint.of(key))
        }
        // Asked again (now cached, or computed again after a start-over): the same answers.
        for key in keys.prefix(100) {
            #expect(KonnectFingerprintCache.fingerprint(of: key) == KonnectKeyFingerprint.of(key))
        }
    }
}
