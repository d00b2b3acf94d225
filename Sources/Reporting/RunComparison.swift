import Foundation
import Measurement

/// Compares runs (two server versions): per command throughput and p50/p99/p99.9 with absolute
/// and relative change against the first run, marking changes within run-to-run noise.
public enum RunComparison {
    public static let csvHeader = "command,metric,run,value,change,relative_change,within_noise"

    /// Writes compare.csv, compare.html and overlaid plots into `directory`; returns the text table.
    public static func compare(_ runs: [RunResult], labels: [String], into directory: URL) throws -> String {
        guard runs.count >= 2 else { throw ReportingError.nothingToCompare }
        let analyses = runs.map(RunAnalysis.init)
        let names = labels.count == runs.count ? labels : runs.indices.map { "run\($0 + 1)" }
        let commands = Set(analyses.flatMap(\.commandNames)).sorted()
        var csv = [csvHeader]
        var table = ["command metric " + names.joined(separator: " ")]
        for command in commands {
            for metric in ["rate", "p50", "p99", "p99.9"] {
                let values = analyses.map { value(metric, command, $0) }
                let noise = analyses.map { noiseLevel(metric, command, $0) }.max() ?? 0
                var cells: [String] = []
                for (index, value) in values.enumerated() {
                    let change = value - values[0]
                    let relative = values[0] != 0 ? change / values[0] : 0
                    let withinNoise = index > 0 && abs(relative) <= noise
                    csv.append("\(CSVTables.field(command)),\(metric),\(CSVTables.field(names[index])),\(String(format: "%.3f,%.3f,%.4f", value, change, relative)),\(withinNoise)")
                    cells.append(index == 0 ? String(format: "%.3f", value) : String(format: "%.3f (%+.1f%%", value, relative * 100) + (withinNoise ? " ~)" : ")"))
                }
                table.append("\(command) \(metric) " + cells.joined(separator: " "))
            }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try (csv.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("compare.csv"), atomically: true, encoding: .utf8)
        let rows = csv.dropFirst().map { "<tr>" + $0.split(separator: ",").map { "<td>\(HTMLReport.escape(String($0)))</td>" }.joined() + "</tr>" }
        let html = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/><title>imapbench compare</title></head><body><h1>Comparison</h1><p>Changes marked true in within_noise are inside the spread of the interval data.</p><table><tr>"
            + csvHeader.split(separator: ",").map { "<th>\($0)</th>" }.joined() + "</tr>" + rows.joined() + "</table></body></html>\n"
        try html.write(to: directory.appendingPathComponent("compare.html"), atomically: true, encoding: .utf8)
        return table.joined(separator: "\n") + "\n"
    }

    /// The metric over the measured window: rate per second or a percentile in milliseconds.
    static func value(_ metric: String, _ command: String, _ analysis: RunAnalysis) -> Double {
        guard let row = analysis.allRow(command: command) else { return 0 }
        if metric == "rate" { return row.ratePerSecond }
        return (row.statistics.value(named: metric) ?? 0) / 1000
    }

    /// Run-to-run noise: the relative standard deviation of the metric across measured intervals.
    static func noiseLevel(_ metric: String, _ command: String, _ analysis: RunAnalysis) -> Double {
        let samples: [Double] = analysis.measured.compactMap { interval in
            var histogram = SparseHistogram()
            for (key, value) in interval.histograms where key.group == .command && key.metric == .response && key.name == command {
                histogram.add(value)
            }
            guard !histogram.isEmpty else { return nil }
            if metric == "rate" { return Double(histogram.totalCount) / max(interval.length, 1e-9) }
            return LatencyStatistics(histogram).value(named: metric)
        }
        guard samples.count >= 2 else { return 0 }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count - 1)
        return mean > 0 ? variance.squareRoot() / mean : 0
    }
}
