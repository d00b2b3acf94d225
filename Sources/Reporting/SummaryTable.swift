import Foundation
import Measurement

/// The per-command table printed on stdout at the end of a run.
public enum SummaryTable {
    /// Count, rate, p50/p90/p99/p99.9/max (ms, all outcomes), errors, then health and thresholds.
    public static func render(_ result: RunResult) -> String {
        let analysis = RunAnalysis(result)
        let header = ["command", "count", "rate/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors"]
        var rows: [[String]] = []
        for row in analysis.rows where row.outcome == "all" && [.command, .sessionPhase, .runPhase].contains(row.kind) {
            let stats = row.statistics
            rows.append([
                row.label, "\(stats.count + row.outOfRange)", String(format: "%.1f", row.ratePerSecond),
                millis(stats.p50), millis(stats.p90), millis(stats.p99), millis(stats.p99_9), millis(stats.max),
                "\(row.errors)",
            ])
        }
        var lines = [format(header, widths: widths(header, rows))]
        lines += rows.map { format($0, widths: widths(header, rows)) }
        if let breakdown = errorBreakdown(analysis.rows) { lines.append(breakdown) }
        lines.append(
            String(
                format: "measured window: %.1f s, %llu commands, %.1f/s, errors %.3f%%", analysis.measuredSeconds,
                analysis.totalCommands, analysis.commandRate, analysis.errorFraction * 100))
        let targets = TargetAttainment(analysis)
        lines += targets.lines
        lines += RunDocument.healthLines(GeneratorHealth(analysis), targets).map { "health: " + $0 }
        for verdict in RunDocument.verdicts(result.configuration.thresholds, analysis) {
            lines.append("threshold \(verdict.passed ? "PASS" : "FAIL"): \(verdict.threshold) (\(verdict.detail))")
        }
        lines += consistencyLines(result.checks)
        if result.interrupted { lines.append("run was interrupted; results cover the time until the stop") }
        if let missing = result.configuration.notes[ShardNote.missing] {
            lines.append("SHARDS MISSING: \(missing); this merged result covers only the shards that reported")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func millis(_ micros: UInt64) -> String { String(format: "%.3f", Double(micros) / 1000) }

    private static func widths(_ header: [String], _ rows: [[String]]) -> [Int] {
        header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    }

    private static func format(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).enumerated().map { index, pair in
            let padding = String(repeating: " ", count: max(0, pair.1 - pair.0.count))
            return index == 0 ? pair.0 + padding : padding + pair.0
        }.joined(separator: "  ")
    }
}
