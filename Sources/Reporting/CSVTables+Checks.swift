import Foundation
import Measurement

extension CSVTables {
    public static let checksHeader = "time_s,id,severity,rfc,user,mailbox,session,tag,expected,observed,exchange"

    /// checks.csv: one row per violation kept in full, in time order. Only written when checks
    /// ran, so a header-only file means "checked, clean" and an absent one "not checked".
    /// The exchange lines are joined with " | " so that a row stays one line.
    public static func checks(_ tally: CheckTally) -> String {
        var file = CSVWriter(headerLine: checksHeader)
        for violation in tally.violations {
            file.append([
                decimal(violation.time), violation.id.rawValue, violation.severity.rawValue, violation.id.rfc,
                violation.user, violation.mailbox, "\(violation.session)", violation.tag, violation.expected,
                violation.observed, violation.exchange.joined(separator: " | "),
            ])
        }
        return file.text
    }
}
