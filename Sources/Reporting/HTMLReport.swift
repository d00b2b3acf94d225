import Foundation
import Measurement

/// report.html: one self-contained, well-formed, printable page a team reads: a header card, the
/// totals, the per-command table in ms with errors by outcome, health with its numbers,
/// thresholds, traffic and the plots (inline SVG). No script, no network.
///
/// Each section is its own function over `HTMLReport.Page`, listed in `sections`; a new
/// section is one function and one entry there. Every section is a `<section id=...>` so a
/// browser check (Scripts/ci/report-render) can find it.
public enum HTMLReport {
    /// What every section may read.
    public struct Page {
        public var document: RunDocument
        public var summary: RunSummary
        public var plotsDirectory: URL?
        /// Set when the plots were not rendered: how to render them later.
        public var plotsNote: String?
    }

    /// The sections in page order: (id, heading, content). Empty content leaves a section out.
    public static let sections: [(id: String, heading: String, render: @Sendable (Page) -> String)] = [
        ("run", "Run", headerCard),
        ("totals", "Totals", totalsSection),
        ("commands", "Commands", commandsSection),
        ("errors", "Errors by outcome", errorsSection),
        ("health", "Generator health", healthSection),
        ("thresholds", "Thresholds", thresholdsSection),
        ("consistency", "Consistency", consistencySection),
        ("traffic", "Traffic", trafficSection),
        ("plots", "Plots", plotsSection),
    ]

    public static func render(_ document: RunDocument, plotsDirectory: URL?, plotsNote: String? = nil) -> String {
        let page = Page(
            document: document, summary: RunSummary(document), plotsDirectory: plotsDirectory, plotsNote: plotsNote)
        let body = sections.compactMap { section -> String? in
            let content = section.render(page)
            return content.isEmpty
                ? nil : "<section id=\"\(section.id)\"><h2>\(escape(section.heading))</h2>\n\(content)</section>"
        }
        let run = document.run.configuration
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/><title>imapbench \(escape(run.runID))</title>
            <style>\(HTMLReportStyle.css)</style>
            </head><body>
            <h1>imapbench run \(escape(run.runID))</h1>
            \(body.joined(separator: "\n"))
            <footer>Written by imapbench \(escape(page.summary.imapbenchVersion)). The files beside this page (run.json, summary.csv, timeseries.csv, percentiles.csv, latency.hlog, plots/) hold every number; <code>imapbench report DIR</code> renders them again.</footer>
            </body></html>

            """
    }

    /// The card: what ran against what, how hard, and the verdict first of all.
    static func headerCard(_ page: Page) -> String {
        let summary = page.summary
        let run = page.document.run.configuration
        let targets = page.document.targets
        let sessions =
            targets.map { target in
                target.targetSessions.map { "\($0) asked, \(target.reachedSessions) reached at peak" }
                    ?? "\(target.reachedSessions) at peak (arrivals)"
            } ?? "-"
        let rate =
            (summary.totals.offeredRatePerSecond.map { number($0, "%.1f") + "/s offered, " } ?? "")
            + number(summary.totals.ratePerSecond, "%.1f") + "/s achieved"
        let model = run.loadModel + (run.latePolicy.map { " (\($0))" } ?? "")
        let facts: [(String, String)] = [
            ("Profile", summary.profile), ("Server", summary.server), ("Model", model), ("Sessions", sessions),
            ("Rate", rate),
            (
                "Duration",
                number(summary.durationSeconds, "%.1f") + " s, measured " + number(summary.measuredSeconds, "%.1f")
                    + " s (\(page.document.measuredWindow.selection))"
            ),
            ("Started", ISO8601DateFormatter().string(from: summary.startedAt)),
            ("Seed", summary.seed.map { "\($0)" } ?? "-"), ("Threads", "\(run.threads) on \(run.cores) cores"),
            ("imapbench", summary.imapbenchVersion), ("Command line", summary.commandLine.joined(separator: " ")),
        ]
        let verdictClass = summary.verdict == "pass" ? "good" : "bad"
        return "<p class=\"verdict \(verdictClass)\">\(escape(summary.verdictText))</p>\n<dl class=\"card\">"
            + facts.map { "<dt>\(escape($0.0))</dt><dd>\(escape($0.1))</dd>" }.joined() + "</dl>"
    }

    static func totalsSection(_ page: Page) -> String {
        let totals = page.summary.totals
        let cells: [(String, String)] = [
            ("commands", "\(totals.commands)"), ("commands/s", number(totals.ratePerSecond, "%.1f")),
            ("errors", "\(totals.errors)"), ("error rate", number(totals.errorFraction * 100, "%.3f") + "%"),
        ]
        return "<table class=\"totals\"><tr>" + cells.map { "<th>\(escape($0.0))</th>" }.joined() + "</tr><tr>"
            + cells.map { "<td>\(escape($0.1))</td>" }.joined() + "</tr></table>"
    }

    /// One row per command kind, all outcomes (timeouts included), in ms; errors split by outcome.
    static func commandsSection(_ page: Page) -> String {
        let header = [
            "command", "count", "rate/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors",
            "errors by outcome",
        ]
        let rows = page.summary.commands.map { command in
            [
                command.command, "\(command.count)", number(command.ratePerSecond, "%.2f"),
                number(command.p50Ms, "%.3f"),
                number(command.p90Ms, "%.3f"), number(command.p99Ms, "%.3f"), number(command.p99_9Ms, "%.3f"),
                number(command.maxMs, "%.3f"), "\(command.errors)", outcomes(command.errorsByOutcome),
            ]
        }
        let phases = page.document.summary.filter { $0.kind == .sessionPhase && $0.outcome == "all" }.map { row in
            [
                row.label, "\(row.statistics.count + row.outOfRange)", number(row.ratePerSecond, "%.2f"),
                number(RunSummary.millis(row.statistics.p50), "%.3f"),
                number(RunSummary.millis(row.statistics.p90), "%.3f"),
                number(RunSummary.millis(row.statistics.p99), "%.3f"),
                number(RunSummary.millis(row.statistics.p99_9), "%.3f"),
                number(RunSummary.millis(row.statistics.max), "%.3f"), "\(row.errors)", "",
            ]
        }
        return "<p>Response time from the intended send time to the tagged reply, every outcome; measured window only. "
            + "A percentile with fewer samples than it needs (p99: 100) is the maximum.</p>"
            + table(header, rows)
            + (phases.isEmpty ? "" : "<h3>Session phases (whole run)</h3>" + table(header, phases))
    }

    /// Error counts per outcome over all commands; "none" is a finding too.
    static func errorsSection(_ page: Page) -> String {
        let errors = page.summary.errorsByOutcome.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }
        guard !errors.isEmpty else { return "<p class=\"good\">No command failed in the measured window.</p>" }
        return table(["outcome", "commands"], errors.map { [$0.key, "\($0.value)"] })
            + "<p>no: the server refused; bad: it rejected the syntax; bye/disconnected: the connection ended; "
            + "timeout/unanswered: no answer in time; protocol_error: an answer imapbench could not parse.</p>"
    }

    /// The verdict lines, each coloured alone, then the numbers behind them against their limits.
    static func healthSection(_ page: Page) -> String {
        let document = page.document
        let health = document.health
        let targets = (document.targets?.lines ?? []).map { "<p>\(escape($0))</p>" }
        let verdicts = document.healthLines.map { line in
            "<p class=\"\(line.hasPrefix("generator healthy") ? "good" : "bad")\">\(escape(line))</p>"
        }
        let rows = [
            ["send-lag p99", number(Double(health.sendLagP99Micros) / 1000, "%.3f") + " ms", "10 ms"],
            ["hiccup p99", number(Double(health.hiccupP99Micros) / 1000, "%.3f") + " ms", "5 ms"],
            [
                "process CPU", number(health.cpuFraction * 100, "%.1f") + "% of usable cores",
                number(HealthLimits.cpuFraction * 100, "%.0f") + "%",
            ],
            ["open files (max)", "\(health.maxOpenFiles)", ""], ["dropped commands", "\(health.droppedCommands)", ""],
            ["skipped operations", "\(health.skippedOperations)", ""],
            ["values out of range", "\(health.outOfRangeValues)", ""],
        ]
        return (targets + verdicts).joined() + table(["measure", "value", "limit"], rows)
    }

    static func thresholdsSection(_ page: Page) -> String {
        guard !page.document.thresholds.isEmpty else {
            return "<p>No thresholds were given (<code>--threshold 'fetch.p99 &lt; 50ms'</code>).</p>"
        }
        return "<ul>"
            + page.document.thresholds.map {
                "<li class=\"\($0.passed ? "good" : "bad")\">\($0.passed ? "PASS" : "FAIL"): \(escape($0.threshold)) (\(escape($0.detail)))</li>"
            }.joined() + "</ul>"
    }

    /// Bytes read and written per command kind over the measured window.
    static func trafficSection(_ page: Page) -> String {
        let summary = page.summary
        let seconds = max(summary.measuredSeconds, 1e-9)
        let rows =
            summary.commands.filter { $0.bytesIn + $0.bytesOut > 0 }.map {
                [$0.command, bytes($0.bytesIn), bytes($0.bytesOut)]
            } + [["all", bytes(summary.totals.bytesIn), bytes(summary.totals.bytesOut)]]
        return table(["command", "bytes in (from the server)", "bytes out (to the server)"], rows)
            + "<p>\(escape(bytes(UInt64(Double(summary.totals.bytesIn) / seconds))))/s in, "
            + "\(escape(bytes(UInt64(Double(summary.totals.bytesOut) / seconds))))/s out over the measured window.</p>"
    }

    /// The SVGs inline, or the sentence saying why there are none and how to get them.
    static func plotsSection(_ page: Page) -> String {
        var parts: [String] = []
        if let note = page.plotsNote {
            parts.append(
                "<p class=\"bad\" id=\"plots-missing\">\(escape(note.prefix(1).uppercased() + note.dropFirst())).</p>")
        }
        for name in GnuplotRenderer.plotNames {
            guard let directory = page.plotsDirectory,
                let svg = try? String(contentsOf: directory.appendingPathComponent("\(name).svg"), encoding: .utf8),
                let start = svg.range(of: "<svg")
            else { continue }
            parts.append("<figure class=\"plot\" id=\"plot-\(name)\">\(svg[start.lowerBound...])</figure>")
        }
        return parts.isEmpty ? "<p>No plots in plots/.</p>" : parts.joined(separator: "\n")
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        "<table><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
            + rows.map {
                "<tr>"
                    + $0.enumerated().map { "<td\($0.offset == 0 ? " class=\"name\"" : "")>\(escape($0.element))</td>" }
                    .joined() + "</tr>"
            }.joined()
            + "</table>"
    }

    static func outcomes(_ counts: [String: UInt64]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    static func number(_ value: Double, _ format: String) -> String { String(format: format, value) }

    /// 1234567 -> "1.2 MB" (decimal units, as network figures are).
    static func bytes(_ count: UInt64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
