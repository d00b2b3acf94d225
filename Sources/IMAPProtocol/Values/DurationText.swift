/// Reads and writes durations as people type them: `500ms`, `30s`, `5m`, `1h`, `1d`, `1.5s`.
///
/// The one duration grammar of imapbench: profiles, `run` flags and `serve` specs (`--delay`,
/// `--stall`, `--stall-on-signal`, `--autologout`) all read durations here, so a text one of them
/// accepts, every other accepts too, and a text they refuse is refused with the same words.
/// It lives in IMAPProtocol because it is plain text parsing and both Workload and IMAPServer
/// depend on this module (and not on each other).
///
/// Grammar: `0`, or a non-negative decimal (`1`, `0.5`; digits and `.` only, no sign or exponent)
/// followed by one unit of `ns`, `us`, `µs`, `ms`, `s`, `m`, `h`, `d`.
public enum DurationText {
    /// Why a duration text was refused.
    public struct ParseError: Error, CustomStringConvertible, Hashable, Sendable {
        public var text: String
        public var description: String {
            "'\(text)' is not a duration (expected a number and a unit: 500ms, 30s, 5m, 1h, 1.5s)"
        }
    }

    private static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("us", 0.000_001), ("µs", 0.000_001), ("ns", 0.000_000_001),
        ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
    ]

    /// Parses `text`; a bare `0` is accepted as zero, any other number needs a unit.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        let trimmed = text.trimmingWhitespace()
        if trimmed == "0" { return .zero }
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(number), value.isFinite
            else { continue }
            return seconds(value * unit.seconds)
        }
        throw ParseError(text: text)
    }

    /// A duration from fractional seconds, keeping nanosecond precision.
    public static func seconds(_ value: Double) -> Duration {
        let nanoseconds = (value * 1e9).rounded()
        return .nanoseconds(Int64(max(min(nanoseconds, 9.2e18), -9.2e18)))
    }

    /// The shortest plain text that reads back as `duration` (`1.5s`, `250ms`, `5m`).
    public static func format(_ duration: Duration) -> String {
        let nanoseconds = duration.nanosecondsValue
        if nanoseconds == 0 { return "0s" }
        for (suffix, factor) in [
            ("h", Int64(3_600_000_000_000)), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
        ]
        where nanoseconds % factor == 0 {
            return "\(nanoseconds / factor)\(suffix)"
        }
        if nanoseconds % 1_000 == 0 { return "\(nanoseconds / 1_000)us" }
        return "\(nanoseconds)ns"
    }
}

extension Duration {
    /// The whole duration in nanoseconds (saturating), for arithmetic in samplers, planners and timers.
    public var nanosecondsValue: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product &+ attoseconds / 1_000_000_000
    }

    /// The duration in fractional seconds.
    public var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
