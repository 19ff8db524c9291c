/// How the mock names a Konnect user without keeping the API key: `sha256:` and the first
/// 32 hex digits (128 bits) of the key's SHA-256. The store is keyed by it, so exports
/// (`GET /__admin/state`) never show a raw `sk_live_…` key, and an import
/// (`PUT /__admin/state`, `serve --state`) matches a later request by the same fingerprint.
enum KonnectKeyFingerprint {
    static let prefix = "sha256:"
    static let hexDigits = 32

    static func of(_ apiKey: String) -> String {
        let digest = SHA256.hash(Array(apiKey.utf8))
        let hex = "0123456789abcdef".utf8.map { $0 }
        var text = prefix
        for byte in digest.prefix(hexDigits / 2) {
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
        }
        return text
    }

    /// Whether `text` has the shape `of` produces (lowercase hex of the right length).
    static func isFingerprint(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let digits = text.utf8.dropFirst(prefix.utf8.count)
        return digits.count == hexDigits
            && digits.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// The name an imported user is stored under: a fingerprint as is, a raw well-formed
    /// key (a state exported before fingerprints) as its fingerprint; nil for anything else.
    static func storedName(forImported name: String) -> String? {
        if isFingerprint(name) { return name }
        if KonnectAuthenticator.isWellFormed(name) { return of(name) }
        return nil
    }
}
