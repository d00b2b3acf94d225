import Foundation
import Workload

/// Flags and internal dates of populated messages.
enum PopulateFlags {
    /// `\Seen` with the configured probability, `\Flagged` independently with its own.
    static func draw(_ populate: PopulateConfiguration, using generator: inout SeededRandom) -> [String] {
        var flags: [String] = []
        if generator.nextUnit() < populate.seenFraction { flags.append("\\Seen") }
        if generator.nextUnit() < populate.flaggedFraction { flags.append("\\Flagged") }
        return flags
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// An IMAP date-time within the two years before 2026-01-01, so SINCE/BEFORE searches find a spread.
    static func internalDate(using generator: inout SeededRandom) -> String {
        let end = 1_767_225_600  // 2026-01-01T00:00:00Z
        let seconds = end - generator.nextIndex(below: 2 * 365 * 86_400)
        var time = tm()
        var value = time_t(seconds)
        gmtime_r(&value, &time)
        return String(
            format: "%02d-%@-%04d %02d:%02d:%02d +0000", Int(time.tm_mday), months[Int(time.tm_mon)],
            Int(time.tm_year) + 1900, Int(time.tm_hour), Int(time.tm_min), Int(time.tm_sec))
    }
}
