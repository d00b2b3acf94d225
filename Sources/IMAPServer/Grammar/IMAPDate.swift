import Foundation
import IMAPProtocol

/// IMAP dates (`1-Jan-2024`) and date-times (`01-Jan-2024 10:00:00 +0000`), as seconds or days
/// since 1970, without Foundation's calendar machinery (which is slow and locale-dependent).
enum IMAPDate {
    static let months = CivilDate.monthNames

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        CivilDate.days(year: year, month: month, day: day)
    }

    // date-text = date-day "-" date-month "-" date-year
    static func parseDay(_ text: String) -> Int64? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]),
            let month = months.firstIndex(where: { $0.caseInsensitiveCompare(parts[1]) == .orderedSame }),
            (1...31).contains(day)
        else { return nil }
        return days(year: year, month: month + 1, day: day)
    }

    // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    static func parseDateTime(_ text: String) -> Int64? {
        let fields = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard fields.count == 3, let day = parseDay(String(fields[0])) else { return nil }
        let clock = fields[1].split(separator: ":").compactMap { Int($0) }
        let zone = fields[2]
        guard clock.count == 3, zone.count == 5, let zoneValue = Int(zone.dropFirst()) else { return nil }
        let zoneSeconds = (zoneValue / 100 * 3600 + zoneValue % 100 * 60) * (zone.hasPrefix("-") ? -1 : 1)
        return day * 86400 + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2] - zoneSeconds)
    }

    /// `"17-Jul-1996 02:44:25 +0000"` with the quotes, as FETCH INTERNALDATE sends it.
    static func formatDateTime(_ seconds: Int64) -> String {
        let dayNumber = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let (year, month, day) = CivilDate.civil(fromDays: dayNumber)
        let rest = Int(seconds - dayNumber * 86400)
        return
            "\"\(pad(day))-\(months[month - 1])-\(year) \(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60)) +0000\""
    }

    /// `Tue, 17 Jul 1996 02:44:25 +0000` for Date: headers.
    static func formatHeaderDate(_ seconds: Int64) -> String {
        let dayNumber = seconds / 86400
        let (year, month, day) = CivilDate.civil(fromDays: dayNumber)
        let weekday = CivilDate.weekdayNamesFromEpoch[Int(dayNumber % 7)]
        let rest = Int(seconds % 86400)
        return
            "\(weekday), \(day) \(months[month - 1]) \(year) \(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60)) +0000"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
