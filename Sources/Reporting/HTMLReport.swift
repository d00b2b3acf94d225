import Foundation
import Measurement

/// report.html: one self-contained, well-formed page (summary, health, thresholds, inline SVGs).
public enum HTMLReport {
    public static func render(_ document: RunDocument, plotsDirectory: URL?) -> String {
        let run = document.run
        var body: [String] = []
        body.append("<h1>imapbench run \(escape(run.configuration.runID))</h1>")
        body.append("<p>Profile \(escape(run.configuration.profileName)), target \(escape(run.configuration.target)), "
            + "measured window \(String(format: "%.1f", document.measuredWindow.seconds)) s (\(escape(document.measuredWindow.selection))), "
            + "\(document.totals.commands) commands, \(String(format: "%.1f", document.totals.commandsPerSecond))/s."
            + (run.interrupted ? " The run was interrupted." : "") + "</p>")
        body.append("<h2>Health</h2>" + healthSection(document))
        if !document.thresholds.isEmpty {
            body.append("<h2>Thresholds</h2><ul>" + document.thresholds.map {
                "<li class=\"\($0.passed ? "good" : "bad")\">\($0.passed ? "PASS" : "FAIL"): \(escape($0.threshold)) (\(escape($0.detail)))</li>"
            }.joined() + "</ul>")
        }
        body.append("<h2>Summary (microseconds)</h2>" + summaryTable(document.summary))
        for name in GnuplotRenderer.plotNames {
            guard let directory = plotsDirectory,
                  let svg = try? String(contentsOf: directory.appendingPathComponent("\(name).svg"), encoding: .utf8),
                  let start = svg.range(of: "<svg")
            else { continue }
            body.append("<h2>\(escape(name))</h2><div class=\"plot\">\(svg[start.lowerBound...])</div>")
        }
        return """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/><title>imapbench \(escape(run.configuration.runID))</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}.good{color:#060}.bad{color:#a00}</style>
        </head><body>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }

    /// Target against reached load, then one paragraph per verdict line, each coloured alone:
    /// a healthy generator stays green beside a target that was not reached.
    static func healthSection(_ document: RunDocument) -> String {
        let targets = document.targets?.lines ?? []
        let lines = targets.map { "<p>\(escape($0))</p>" } + document.healthLines.map { line in
            let good = line.hasPrefix("generator healthy")
            return "<p class=\"\(good ? "good" : "bad")\">\(escape(line))</p>"
        }
        return lines.joined()
    }

    static func summaryTable(_ rows: [SummaryRow]) -> String {
        let header = "<tr><th>command</th><th>outcome</th><th>count</th><th>rate/s</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>p99.99</th><th>max</th><th>errors</th></tr>"
        let lines = rows.map { row in
            let s = row.statistics
            let cells = [row.label, row.outcome, "\(s.count + row.outOfRange)", String(format: "%.2f", row.ratePerSecond),
                         "\(s.p50)", "\(s.p90)", "\(s.p99)", "\(s.p99_9)", "\(s.p99_99)", "\(s.max)", "\(row.errors)"]
            return "<tr>" + cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
        }
        return "<table>" + header + lines.joined() + "</table>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
