/// A fast, seedable generator (xoshiro256**, seeded through splitmix64), so `--seed` makes a
/// run's every choice reproducible.
///
/// Each session draws from its own stream (`derived(stream:)`): sessions running on different
/// threads in any interleaving still make the same choices, and no lock is shared.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// The seed this generator was made from, kept so streams can be derived from it.
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        var mixer = seed
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    /// An independent generator for stream `stream` (a session number) of this seed.
    public func derived(stream: UInt64) -> SeededRandom {
        var mixer = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = Self.splitMix(&mixer)
        return SeededRandom(seed: Self.splitMix(&mixer) ^ stream)
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A uniform double in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (bound > 0), without modulo bias worth mentioning here
    /// (Lemire's multiply-shift).
    public mutating func nextIndex(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
