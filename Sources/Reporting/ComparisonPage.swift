import Foundation

/// compare.html: one self-contained, well-formed page built from the comparison data (never
/// from CSV text, so labels with commas or markup stay in their cells), with the SVG plots inline.
enum ComparisonPage {
    static func render(_ rows: [RunComparison.Row], runs: [ComparedRun], plots: ComparisonPlots.Written) -> String {
        let escape = HTMLReport.escape
        let names = runs.map(\.name)
        var body = ["<h1>imapbench comparison</h1>"]
        body.append(
            "<p>Baseline: \(escape(names[0])). Compared: \(names.dropFirst().map(escape).joined(separator: ", ")). "
                + "Rates are commands per second over each run's measured window, percentiles are all-outcomes response times in ms. "
                + "<span class=\"noise\">\(RunComparison.noiseMarker)</span> marks a change within the run-to-run noise: smaller than the "
                + "combined spread (coefficient of variation) of the two runs' per-interval values. Beyond it a change is "
                + "<span class=\"worse\">worse</span> or <span class=\"better\">better</span> (rate: lower is worse; latency: higher "
                + "is worse). A percentile needs at least one sample above it (p99: 100 samples, p99.9: 1000); with fewer it "
                + "is the maximum and shows \(RunComparison.tooFewSamples).</p>")
        body.append(runList(runs))
        body.append(table(rows, runs: runs))
        if !plots.rendered { body.append("<p class=\"bad\">\(escape(ComparisonPlots.missingGnuplotNote))</p>") }
        for (name, title) in zip(plots.names, plots.titles) {
            guard
                let svg = try? String(
                    contentsOf: plots.directory.appendingPathComponent("\(name).svg"), encoding: .utf8),
                let start = svg.range(of: "<svg")
            else { continue }
            body.append("<h2>\(escape(title))</h2><div class=\"plot\">\(svg[start.lowerBound...])</div>")
        }
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/><title>imapbench compare</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td.name{text-align:left}.noise{color:#777}.bad,.worse{color:#a00}.worse{font-weight:bold}.better{color:#060}</style>
            </head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    /// Columns: command, metric, the baseline value, then per compared run value, change,
    /// relative change (with the marker) and the combined noise.
    static func table(_ rows: [RunComparison.Row], runs: [ComparedRun]) -> String {
        let escape = HTMLReport.escape
        var header = "<tr><th>command</th><th>metric</th>\(headerCell(runs[0]))"
        for run in runs.dropFirst() {
            header += "\(headerCell(run))<th>change</th><th>change %</th><th>noise ±%</th>"
        }
        let lines = rows.map { row in
            var cells =
                "<td class=\"name\">\(escape(row.command))</td><td class=\"name\">\(escape(row.metric.displayName))</td>\(valueCell(row.cells[0], row.metric))"
            for cell in row.cells.dropFirst() {
                let marked = cell.withinNoise == true
                let relative =
                    format(cell.relativeChange.map { $0 * 100 }, "%+.1f")
                    + (marked ? " \(RunComparison.noiseMarker)" : "")
                cells +=
                    "\(valueCell(cell, row.metric))<td>\(format(cell.change, "%+.3f"))</td>"
                    + "<td\(changeClass(cell))>\(relative)</td>"
                    + "<td>\(format(cell.relativeNoise.map { $0 * 100 }, "%.1f"))</td>"
            }
            return "<tr>\(cells)</tr>"
        }
        return "<table>" + header + "</tr>" + lines.joined() + "</table>"
    }

    /// Each run with what it ran against, and its warnings in red.
    static func runList(_ runs: [ComparedRun]) -> String {
        let escape = HTMLReport.escape
        let items = runs.map { run in
            "<li>\(escape(run.facts))" + run.warnings.map { "<br/><span class=\"bad\">! \(escape($0))</span>" }.joined()
                + "</li>"
        }
        return "<h2>Runs</h2><ul>" + items.joined() + "</ul>"
    }

    /// A run's column title, red with its warnings as a tooltip when there is a reason to doubt it.
    static func headerCell(_ run: ComparedRun) -> String {
        let escape = HTMLReport.escape
        guard !run.warnings.isEmpty else { return "<th>\(escape(run.name))</th>" }
        return "<th class=\"bad\" title=\"\(escape(run.warnings.joined(separator: "; ")))\">\(escape(run.name)) !</th>"
    }

    static func valueCell(_ cell: RunComparison.Cell, _ metric: ComparisonMetric) -> String {
        guard let samples = cell.samplesShort else { return "<td>\(format(cell.value, metric.valueFormat))</td>" }
        return "<td class=\"noise\">\(RunComparison.tooFewSamples) (n=\(samples))</td>"
    }

    /// Grey within the noise, red for worse, green for better.
    static func changeClass(_ cell: RunComparison.Cell) -> String {
        if cell.withinNoise == true { return " class=\"noise\" title=\"within the run-to-run noise\"" }
        guard let worse = cell.isWorse else { return "" }
        return worse
            ? " class=\"worse\" title=\"worse, beyond the noise\""
            : " class=\"better\" title=\"better, beyond the noise\""
    }

    static func format(_ value: Double?, _ format: String) -> String {
        value.map { String(format: format, $0) } ?? "-"
    }
}
