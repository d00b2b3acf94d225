import Foundation

/// Draws from the distributions profiles name, as pure functions of a generator.
public enum Sampling {
    /// An exponential variate with the given mean (inverse transform).
    public static func exponential(mean: Double, using generator: inout SeededRandom) -> Double {
        -log(1 - generator.nextUnit()) * mean
    }

    /// A standard normal variate (Box-Muller).
    public static func standardNormal(using generator: inout SeededRandom) -> Double {
        let u1 = 1 - generator.nextUnit()
        let u2 = generator.nextUnit()
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }
}

extension ThinkTime {
    /// The next pause.
    public func sample(using generator: inout SeededRandom) -> Duration {
        switch self {
        case .none: return .zero
        case .constant(let value): return value.duration
        case .uniform(let low, let high):
            return DurationParser.seconds(low.seconds + (high.seconds - low.seconds) * generator.nextUnit())
        case .exponential(let mean):
            return DurationParser.seconds(Sampling.exponential(mean: mean.seconds, using: &generator))
        }
    }
}

extension Spacing {
    /// The gap before the next arrival at `rate` per second (rate > 0); `.zero` otherwise.
    public func interval(rate: Double, using generator: inout SeededRandom) -> Duration {
        guard rate > 0, rate.isFinite else { return .zero }
        switch self {
        case .uniform: return DurationParser.seconds(1 / rate)
        case .poisson: return DurationParser.seconds(Sampling.exponential(mean: 1 / rate, using: &generator))
        }
    }
}

extension SizeDistribution {
    /// A message size in bytes: log-normal around `median`, clamped to `min...max`.
    public func sample(using generator: inout SeededRandom) -> Int {
        let value = Double(median.bytes) * exp(sigma * Sampling.standardNormal(using: &generator))
        return Swift.min(Swift.max(Int(value.rounded()), min.bytes), max.bytes)
    }
}
