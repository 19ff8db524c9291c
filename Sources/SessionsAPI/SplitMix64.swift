/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, well-mixed generator whose whole state is
/// one integer, so a seed fixes every value drawn from it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Mixes several values into one seed, so a value derived from (seed, session, turn)
    /// does not depend on the order other things were drawn in.
    public static func mix(_ parts: [UInt64]) -> UInt64 {
        var g = SplitMix64(seed: 0x5E55_1055)
        var acc: UInt64 = 0
        for part in parts {
            acc = (acc ^ part) &* 0x100_0000_01B3
            g = SplitMix64(seed: acc ^ g.next())
            acc = g.next()
        }
        return acc
    }

    /// FNV-1a of a string: a stable 64-bit digest (Swift's `hashValue` changes per process).
    public static func digest(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 {
            h = (h ^ UInt64(b)) &* 0x100_0000_01B3
        }
        return h
    }
}
