/// A small, fast, seedable generator (SplitMix64) so that mailboxes, delays and faults are the
/// same from one run to the next for the same seed.
struct DeterministicRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A double in [0, 1).
    mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A value derived from several keys, without keeping a generator around.
    static func hash(_ values: UInt64...) -> UInt64 {
        var generator = DeterministicRandom(seed: 0x5EED)
        var result: UInt64 = 0
        for value in values {
            generator = DeterministicRandom(seed: generator.next() ^ value)
            result = generator.next()
        }
        return result
    }
}
