import Foundation

/// compare.html: one self-contained, well-formed page built from the comparison data (never
/// from CSV text, so labels with commas or markup stay in their cells), with the SVG plots inline.
enum ComparisonPage {
    static func render(_ rows: [RunComparison.Row], names: [String], plots: ComparisonPlots.Written) -> String {
        let escape = HTMLReport.escape
        var body = ["<h1>imapbench comparison</h1>"]
        body.append("<p>Baseline: \(escape(names[0])). Compared: \(names.dropFirst().map(escape).joined(separator: ", ")). "
            + "Rates are commands per second over each run's measured window, percentiles are all-outcomes response times in ms. "
            + "<span class=\"noise\">\(RunComparison.noiseMarker)</span> marks a change within the run-to-run noise: smaller than the "
            + "combined spread (coefficient of variation) of the two runs' per-interval values.</p>")
        body.append(table(rows, names: names))
        if !plots.rendered { body.append("<p class=\"bad\">\(escape(ComparisonPlots.missingGnuplotNote))</p>") }
        for (name, title) in zip(plots.names, plots.titles) {
            guard let svg = try? String(contentsOf: plots.directory.appendingPathComponent("\(name).svg"), encoding: .utf8),
                  let start = svg.range(of: "<svg")
            else { continue }
            body.append("<h2>\(escape(title))</h2><div class=\"plot\">\(svg[start.lowerBound...])</div>")
        }
        return """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/><title>imapbench compare</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td.name{text-align:left}.noise{color:#777}.bad{color:#a00}</style>
        </head><body>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }

    /// Columns: command, metric, the baseline value, then per compared run value, change,
    /// relative change (with the marker) and the combined noise.
    static func table(_ rows: [RunComparison.Row], names: [String]) -> String {
        let escape = HTMLReport.escape
        var header = "<tr><th>command</th><th>metric</th><th>\(escape(names[0]))</th>"
        for name in names.dropFirst() {
            header += "<th>\(escape(name))</th><th>change</th><th>change %</th><th>noise ±%</th>"
        }
        let lines = rows.map { row in
            var cells = "<td class=\"name\">\(escape(row.command))</td><td class=\"name\">\(escape(row.metric.displayName))</td><td>\(format(row.cells[0].value, "%.3f"))</td>"
            for cell in row.cells.dropFirst() {
                let marked = cell.withinNoise == true
                let relative = format(cell.relativeChange.map { $0 * 100 }, "%+.1f") + (marked ? " \(RunComparison.noiseMarker)" : "")
                cells += "<td>\(format(cell.value, "%.3f"))</td><td>\(format(cell.change, "%+.3f"))</td>"
                    + "<td\(marked ? " class=\"noise\" title=\"within the run-to-run noise\"" : "")>\(relative)</td>"
                    + "<td>\(format(cell.relativeNoise.map { $0 * 100 }, "%.1f"))</td>"
            }
            return "<tr>\(cells)</tr>"
        }
        return "<table>" + header + "</tr>" + lines.joined() + "</table>"
    }

    static func format(_ value: Double?, _ format: String) -> String {
        value.map { String(format: format, $0) } ?? "-"
    }
}
