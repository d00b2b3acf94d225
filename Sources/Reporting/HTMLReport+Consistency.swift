import Measurement

/// report.html's consistency section: per check what it found, and the first violations with
/// the session's exchange, so a server developer can look for them in the server's log.
extension HTMLReport {
    /// Violations shown in full per check; the rest are in checks.csv.
    static let violationsShownPerCheck = 3

    static func consistencySection(_ page: Page) -> String {
        guard let tally = page.document.run.checks else {
            return "<p>checks were off (run --checks to turn them on)</p>"
        }
        let head =
            "<p>\(tally.errorCount) violations, \(tally.warningCount) warnings in \(tally.observed) observed responses"
            + "\(escape(SummaryTable.checkpointText(tally))).</p>"
        let ids = tally.severities.keys.sorted()
        let rows = ids.map { id -> String in
            let count = tally.counts[id] ?? 0
            let severity = tally.severities[id] ?? id.defaultSeverity
            let style = count > 0 ? (severity == .error ? " class=\"bad\"" : " class=\"warn\"") : ""
            return "<tr\(style)><td><code>\(escape(id.rawValue))</code></td><td>\(escape(severity.rawValue))</td>"
                + "<td>\(escape(id.rfc))</td><td class=\"num\">\(count)</td><td>\(escape(id.summary))</td></tr>"
        }
        let table =
            "<table><thead><tr><th>check</th><th>severity</th><th>RFC</th><th>violations</th><th>fires when</th></tr></thead><tbody>"
            + rows.joined() + "</tbody></table>"
        let details = ids.flatMap { id in
            tally.violations.filter { $0.id == id }.prefix(violationsShownPerCheck).map(violationDetail)
        }
        return head + table + details.joined()
    }

    private static func violationDetail(_ violation: CheckViolation) -> String {
        let where_ =
            "\(violation.user) \(violation.mailbox), session \(violation.session), tag \(violation.tag), at \(number(violation.time, "%.3f")) s"
        return "<details><summary><code>\(escape(violation.id.rawValue))</code> \(escape(where_)): expected "
            + "\(escape(violation.expected)), observed \(escape(violation.observed))</summary>"
            + "<pre>\(escape(violation.exchange.joined(separator: "\n")))</pre></details>"
    }
}
