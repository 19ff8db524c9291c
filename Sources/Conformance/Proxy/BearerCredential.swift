import JSONSchema

/// A request's bearer credential, read once per exchange: the token (kept only while the
/// exchange is judged, never stored) and, when it is JWT-shaped, its decoded header and
/// claims.
struct BearerCredential {
    var token: String
    var header: JSONValue?
    var claims: JSONValue?

    /// Nil without an `Authorization: Bearer …` value.
    init?(authorization: String?) {
        guard let value = authorization?.asciiTrimmed else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        token = String(parts[1]).asciiTrimmed
        guard !token.isEmpty else { return nil }
        let segments = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3 else { return }
        header = Self.decode(segments[0]).flatMap { try? JSONValue.parse($0) }
        claims = Self.decode(segments[1]).flatMap { try? JSONValue.parse($0) }
    }

    /// Whether the header and claims both decoded to JSON objects.
    var isJWT: Bool {
        guard case .object = header, case .object = claims else { return false }
        return true
    }

    /// Base64url (padding optional) to bytes, or nil on a character outside the alphabet.
    static func decode(_ text: Substring.UTF8View) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "-"), UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "_"), UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }
}
