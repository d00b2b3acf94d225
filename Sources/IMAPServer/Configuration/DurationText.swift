import Foundation

/// Reads and writes durations such as `5ms`, `1.5s`, `250us`, `2m` in the spec grammars.
///
/// Grammar: `number unit` where number is a decimal (`1`, `0.5`) and unit is one of
/// `ns`, `us`, `ms`, `s`, `m`, `h`.
public enum DurationText {
    static let expectedForm = "a duration such as 5ms, 1.5s, 250us or 2m"

    public static func parse(_ text: String) throws -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        // Longest suffix first so "ms" is not read as "m" + "s".
        for unit in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where trimmed.hasSuffix(unit.suffix) {
            let number = String(trimmed.dropLast(unit.suffix.count))
            guard let value = Double(number), value >= 0, value.isFinite else { break }
            return .nanoseconds(Int64(value * unit.nanoseconds))
        }
        throw SpecError(text: text, expected: expectedForm)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating rather than trapping on huge values.
    var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product &+ attoseconds / 1_000_000_000
    }

    var secondsDouble: Double { Double(totalNanoseconds) / 1e9 }
}
