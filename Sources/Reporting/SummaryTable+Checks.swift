import Foundation
import Measurement

extension SummaryTable {
    /// The `consistency:` block: nothing when checks were off, one line when they found nothing,
    /// else a line per check ID (severity, count, RFC) and its first violation, so the console
    /// says which contradiction to look for in the server's log without opening checks.csv.
    static func consistencyLines(_ checks: CheckTally?) -> [String] {
        guard let checks else { return [] }
        let total = checks.counts.values.reduce(0, +)
        let checkpoints = checkpointText(checks)
        guard total > 0 else {
            return ["consistency: 0 violations in \(checks.observed) observed responses" + checkpoints]
        }
        var lines = [
            "consistency: \(checks.errorCount) violations, \(checks.warningCount) warnings in \(checks.observed) observed responses"
                + checkpoints
        ]
        for (id, count) in checks.counts.sorted(by: { $0.key < $1.key }) where count > 0 {
            let severity = checks.severities[id] ?? id.defaultSeverity
            lines.append("  \(id.rawValue)  \(severity.rawValue)  \(count)  \(id.rfc)")
            if let first = checks.violations.first(where: { $0.id == id }) {
                lines.append(
                    "    first: user \(first.user), mailbox \(first.mailbox), session \(first.session), tag \(first.tag.isEmpty ? "-" : first.tag): expected \(first.expected), observed \(first.observed)"
                )
            }
        }
        let notKept = total - UInt64(checks.violations.count)
        if notKept > 0 {
            lines.append(
                "  \(notKept) violations not kept in full (checks.csv holds the first \(checks.violations.count))")
        }
        return lines
    }

    /// `; 12 checkpoints compared, 1 abandoned`, or nothing when the profile has no checkpoint.
    static func checkpointText(_ checks: CheckTally) -> String {
        guard checks.checkpoints + checks.checkpointsAbandoned > 0 else { return "" }
        let abandoned =
            checks.checkpointsAbandoned > 0
            ? ", \(checks.checkpointsAbandoned) abandoned (a session was not quiet within \(Int(CheckTally.checkpointTimeout)) s)"
            : ""
        return "; \(checks.checkpoints) checkpoints compared\(abandoned)"
    }
}
