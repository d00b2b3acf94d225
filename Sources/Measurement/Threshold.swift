import Foundation

/// A pass/fail condition on a run, such as `fetch.p99 < 50ms`, `errors.rate < 0.1%` or
/// `commands.rate > 1000/s`.
///
/// Subject: `commands` (all commands), `errors`, a command kind (`fetch`, `uid_fetch`), an
/// operation name, `phase:login`, or `outcome:protocol_error` (commands that ended that way). Statistic: min, mean, p50, p90, p99, p99.9, p99.99, max
/// (with unit us, ms or s), `rate` (`/s`; for `errors` a `%` of commands), `count`,
/// `error_rate` (`%`). A threshold whose subject was never measured fails, so a typo cannot
/// pass in CI.
public struct Threshold: Sendable, Equatable {
    public enum Comparison: String, Sendable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

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
        let limit = try Self.parseLimit(right, statistic: statistic, text: text)
        guard !subject.isEmpty else { throw MeasurementError.invalidThreshold(text: text, reason: "empty subject") }
        return Threshold(text: trimmed, subject: subject, statistic: statistic, comparison: comparison, limit: limit)
    }

    /// The dot before the statistic: the first dot followed by a known statistic name.
    private static func statisticSeparator(in left: String) -> String.Index? {
        let statistics = ["min", "mean", "avg", "median", "p", "max", "rate", "count", "error_rate"]
        var index = left.startIndex
        while let dot = left[index...].firstIndex(of: ".") {
            let rest = left[left.index(after: dot)...].lowercased()
            if statistics.contains(where: { rest.hasPrefix($0) }) { return dot }
            index = left.index(after: dot)
        }
        return nil
    }

    private static func parseLimit(_ right: String, statistic: String, text: String) throws -> Double {
        let number = right.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number) else { throw MeasurementError.invalidThreshold(text: text, reason: "no number on the right") }
        let unit = right.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        switch unit {
        case "us", "µs": return value
        case "ms": return value * 1_000
        case "s" where statistic != "rate": return value * 1_000_000
        case "%": return value / 100
        case "/s", "", "s": return value
        default: throw MeasurementError.invalidThreshold(text: text, reason: "unknown unit '\(unit)'")
        }
    }
}
