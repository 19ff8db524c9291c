import Locking

/// Draws identifiers from one seeded sequence. The same seed and the same order of
/// requests give the same ids.
public final class IDGenerator: Sendable {
    private let generator: Locked<SplitMix64>

    public init(seed: UInt64) {
        generator = Locked(SplitMix64(seed: seed))
    }

    /// A lowercase RFC 9562 version 4 UUID.
    public func uuid() -> String {
        let (a, b) = generator.withLock { ($0.next(), $0.next()) }
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte -> String in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
            .map { $0.joined() }.joined(separator: "-")
    }

    /// `prefix` followed by `length` base62 characters, e.g. `sess_` + 24.
    public func prefixed(_ prefix: String, length: Int = 24) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let chars: [Character] = generator.withLock { g in
            (0..<length).map { _ in alphabet[Int(g.next() % 62)] }
        }
        return prefix + String(chars)
    }

    /// A raw draw, for callers that need their own derived values (jitter, model picks).
    public func next() -> UInt64 {
        generator.withLock { $0.next() }
    }
}
