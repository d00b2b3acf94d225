import Foundation

/// A pass/fail condition on a run, such as `fetch.p99 < 50ms`, `errors.rate < 0.1%` or
/// `commands.rate > 1000/s`.
///
/// Subject: `commands` (all commands), `errors`, a command kind (`fetch`, `uid_fetch`), an
/// operation name, `phase:login`, or `outcome:protocol_error` (commands that ended that way). Statistic: min, mean, any pNN (p50, p99.9...), max
/// (with unit us, ms or s), `rate` (`/s`; for `errors` a `%` of commands), `count`,
/// `error_rate` (`%`). A threshold whose subject was never measured fails, so a typo cannot
/// pass in CI.
public struct Threshold: Sendable, Equatable {
    public enum Comparison: String, Sendable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        func holds(_ observed: Double, _ limit: Double) -> Bool {
            switch self {
            case .less: return observed < limit
            case .lessOrEqual: return observed <= limit
            case .greater: return observed > limit
            case .greaterOrEqual: return observed >= limit
            }
        }
    }

    public var text: String
    public var subject: String
    public var statistic: String
    public var comparison: Comparison
    /// Limit in the statistic's base unit: microseconds, per second, or a fraction (0.001 = 0.1%).
    public var limit: Double

    public static func parse(_ text: String) throws -> Threshold {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let operators: [Comparison] = [.lessOrEqual, .greaterOrEqual, .less, .greater]
        guard let comparison = operators.first(where: { trimmed.contains($0.rawValue) }),
            let range = trimmed.range(of: comparison.rawValue)
        else { throw MeasurementError.invalidThreshold(text: text, reason: "no comparison (<, <=, >, >=)") }
        let left = trimmed[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let right = trimmed[range.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
        guard let dot = Self.statisticSeparator(in: left) else {
            throw MeasurementError.invalidThreshold(text: text, reason: "expected SUBJECT.STATISTIC on the left")
        }
        let subject = String(left[..<dot]).lowercased()
        let statistic = String(left[left.index(after: dot)...]).lowercased()
        guard let kind = StatisticKind(statistic, subject: subject) else {
            throw MeasurementError.invalidThreshold(
                text: text,
                reason:
                    "unknown statistic '\(statistic)': use min, mean, median, pNN (p50, p99.9...), max, rate, count or error_rate"
            )
        }
        let limit = try Self.parseLimit(right, kind: kind, text: text)
        guard !subject.isEmpty else { throw MeasurementError.invalidThreshold(text: text, reason: "empty subject") }
        return Threshold(text: trimmed, subject: subject, statistic: statistic, comparison: comparison, limit: limit)
    }

    /// The dot before the statistic: the first dot followed by a statistic `StatisticKind` knows
    /// (`uid_fetch.p99.9` splits before `p99.9`), else the last dot, so an unknown statistic is
    /// reported by name.
    private static func statisticSeparator(in left: String) -> String.Index? {
        var index = left.startIndex
        while let dot = left[index...].firstIndex(of: ".") {
            let rest = left[left.index(after: dot)...].lowercased()
            if StatisticKind(rest, subject: String(left[..<dot]).lowercased()) != nil { return dot }
            index = left.index(after: dot)
        }
        return left.lastIndex(of: ".")
    }

    /// What a statistic measures, and so which units its limit may carry.
    enum StatisticKind {
        case latency, rate, errorFraction, count

        init?(_ statistic: String, subject: String) {
            switch statistic {
            case "min", "mean", "avg", "max": self = .latency
            case "rate": self = subject == "errors" ? .errorFraction : .rate
            case "count": self = .count
            // `checks.violations`, `checks.warnings`: counts of the consistency checks
            case "violations",
                "warnings" where subject == "checks":
                self = .count
            case "error_rate": self = .errorFraction
            default:
                guard let percentile = Threshold.percentile(of: statistic), (0...100).contains(percentile) else {
                    return nil
                }
                self = .latency
            }
        }
    }

    /// 99.9 for `p99.9`, 50 for `median`; nil when the statistic is not a percentile (`p999`
    /// means 99.9).
    static func percentile(of statistic: String) -> Double? {
        switch statistic {
        case "median": return 50
        case "p999": return 99.9
        case "p9999": return 99.99
        default:
            guard statistic.hasPrefix("p") else { return nil }
            return Double(statistic.dropFirst())
        }
    }

    /// A limit in the statistic's base unit; a unit that does not fit (`fetch.p99 < 5%`,
    /// `fetch.rate > 5ms`) is an error, not a silent microsecond.
    private static func parseLimit(_ right: String, kind: StatisticKind, text: String) throws -> Double {
        let number = right.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number) else {
            throw MeasurementError.invalidThreshold(text: text, reason: "no number on the right")
        }
        let unit = right.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        switch (kind, unit) {
        case (.latency, "us"), (.latency, "µs"): return value
        case (.latency, "ms"): return value * 1_000
        case (.latency, "s"): return value * 1_000_000
        // a rate or error rate without its unit is refused: `errors.rate < 1` reads as 1% to one
        // person and as 100% to another
        case (.rate, "/s"), (.count, ""): return value
        case (.errorFraction, "%"): return value / 100
        default:
            let expected: String
            switch kind {
            case .latency: expected = "us, ms or s"
            case .rate: expected = "/s"
            case .errorFraction: expected = "% (errors.rate < 0.1%)"
            case .count: expected = "no unit"
            }
            throw MeasurementError.invalidThreshold(
                text: text,
                reason: unit.isEmpty
                    ? "a limit without a unit: use \(expected)" : "unit '\(unit)' does not fit: use \(expected)")
        }
    }
}
