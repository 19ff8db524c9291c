import Locking

/// Fingerprints of recently seen API keys, so a request pays a dictionary lookup instead of
/// a SHA-256. Striped by the key's hash, so users rarely meet on one lock; each stripe holds
/// at most `stripeCapacity` keys and starts over when full, so hostile keys cost bounded
/// memory (and then only a hash each, as without the cache).
enum KonnectFingerprintCache {
    static let stripeCapacity = 1024
    private static let stripes = (0..<16).map { _ in Locked<[String: String]>([:]) }

    static func fingerprint(of key: String) -> String {
        let stripe = stripes[Int(UInt(bitPattern: key.hashValue) % UInt(stripes.count))]
        if let known = stripe.withLock({ $0[key] }) { return known }
        let computed = KonnectKeyFingerprint.of(key)
        stripe.withLock { cache in
            if cache.count >= stripeCapacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = computed
        }
        return computed
    }
}
