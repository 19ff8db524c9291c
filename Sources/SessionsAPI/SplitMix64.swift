/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, well-mixed generator whose whole state is
/// one integer, so a seed fixes every value drawn from it.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
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
        var accumulator = MixAccumulator()
        for part in parts { accumulator.add(part) }
        return accumulator.value
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

/// `SplitMix64.mix` one part at a time, so a value mixed from a list that only grows (a
/// conversation) is extended by the new parts instead of mixed again from the start.
public struct MixAccumulator: Sendable, Equatable {
    private var generator = SplitMix64(seed: 0x5E55_1055)
    /// `SplitMix64.mix` of the parts added so far.
    public private(set) var value: UInt64 = 0

    public init() {}

    public mutating func add(_ part: UInt64) {
        value = (value ^ part) &* 0x100_0000_01B3
        generator = SplitMix64(seed: value ^ generator.next())
        value = generator.next()
    }
}
