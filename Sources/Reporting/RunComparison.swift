import Foundation
import Measurement

/// Compares runs (two server versions): per command throughput and p50/p99/p99.9 with absolute
/// and relative change against the first run, marking changes within run-to-run noise (the rule
/// is documented on `ComparisonNoise`), with overlaid percentile-spectrum and throughput plots.
public enum RunComparison {
    /// compare.csv: one line per command, metric and run. `value` is per second for `rate`, a
    /// count for `samples` and in milliseconds for percentiles; `change` and `relative_change` (a
    /// fraction) are against the first run; `relative_noise` is the combined noise of the two runs;
    /// `within_noise` is true when |relative_change| <= relative_noise. Empty cells: not applicable
    /// or unknown; an empty percentile `value` where `samples` is not: too few samples for it.
    public static let csvHeader = "command,metric,run,value,change,relative_change,relative_noise,within_noise"

    /// Marks a change within the run-to-run noise in the text table and the HTML page.
    public static let noiseMarker = "~"
    /// Mark changes beyond the noise in the text table: a regression in capitals, to stand out.
    public static let worseMarker = "WORSE"
    public static let betterMarker = "better"
    /// Stands for a percentile that too few samples resolve (see `LatencyStatistics.resolves`).
    public static let tooFewSamples = "too few samples"

    /// Where a comparison may be written: a directory holding compare.csv is an earlier one.
    public static func place(force: Bool) -> ResultDirectory { ResultDirectory(marker: "compare.csv", force: force) }

    /// Writes compare.csv, compare.html and plots/ into `directory`, all at once (`StagedDirectory`);
    /// returns the text table. `place` is the rule the caller checked `directory` against.
    public static func compare(
        _ runs: [RunResult], labels: [String], into directory: URL, place: ResultDirectory = place(force: true)
    ) throws -> String {
        guard runs.count >= 2 else { throw ReportingError.nothingToCompare }
        let analyses = runs.map(RunAnalysis.init)
        let names = labels.count == runs.count ? labels : runs.indices.map { "run\($0 + 1)" }
        let rows = rows(analyses)
        let compared = ComparedRun.describe(analyses, names: names)
        let plots = try StagedDirectory.writing(directory, place: place) { staged in
            try staged.write(csv(rows, names: names), to: "compare.csv")
            let plots = try ComparisonPlots.write(analyses, labels: names, to: staged.url("plots"))
            try staged.write(ComparisonPage.render(rows, runs: compared, plots: plots), to: "compare.html")
            return plots
        }
        var text = "runs (the first is the baseline):\n" + compared.map { "  " + $0.line + "\n" }.joined()
        text += table(rows, names: compared.map(headerName))
        text +=
            "\(noiseMarker) = change within the run-to-run noise of the interval data; \(worseMarker) / \(betterMarker) = "
            + "a change beyond it (rate: lower is worse; latency: higher is worse); \(tooFewSamples): a p99 needs 100 "
            + "samples, a p99.9 1000 (below that it is the maximum); ! = see the runs above\n"
        if !plots.rendered { text += ComparisonPlots.missingGnuplotNote }
        return text
    }

    /// One run's number for a command and metric, with its change against the baseline.
    struct Cell: Equatable {
        var value: Double?
        var change: Double?
        var relativeChange: Double?
        var relativeNoise: Double?
        var withinNoise: Bool?
        /// The sample count when the command ran too few times to resolve the percentile.
        var samplesShort: UInt64?
        /// Whether a change beyond the noise is for the worse; nil within or with unknown noise.
        var isWorse: Bool?
    }

    /// One command and metric across every run; the first cell is the baseline.
    struct Row: Equatable {
        var command: String
        var metric: ComparisonMetric
        var cells: [Cell]
    }

    /// The comparison as data: every command seen in any run, every metric, every run.
    static func rows(_ analyses: [RunAnalysis]) -> [Row] {
        let commands = Set(analyses.flatMap(\.commandNames)).sorted()
        return commands.flatMap { command in
            ComparisonMetric.allCases.map { metric in
                let values = analyses.map { metric.value(command: command, in: $0) }
                let noises = analyses.map { ComparisonNoise.relativeNoise(metric, command: command, in: $0) }
                let cells = analyses.indices.map { index in
                    var cell =
                        index == 0
                        ? Cell(value: values[0])
                        : cell(
                            values[index], baseline: values[0],
                            noise: ComparisonNoise.combined(noises[0], noises[index]))
                    cell.samplesShort = metric.samplesShort(command: command, in: analyses[index])
                    if cell.withinNoise == false, let larger = metric.largerIsBetter, let change = cell.change {
                        cell.isWorse = larger ? change < 0 : change > 0
                    }
                    return cell
                }
                return Row(command: command, metric: metric, cells: cells)
            }
        }
    }

    static func cell(_ value: Double?, baseline: Double?, noise: Double?) -> Cell {
        var cell = Cell(value: value, relativeNoise: noise)
        guard let value, let baseline else { return cell }
        cell.change = value - baseline
        cell.relativeChange = baseline != 0 ? (value - baseline) / baseline : (value == 0 ? 0 : nil)
        if let relative = cell.relativeChange, let noise { cell.withinNoise = abs(relative) <= noise }
        return cell
    }

    static func csv(_ rows: [Row], names: [String]) -> String {
        var file = CSVWriter(headerLine: csvHeader)
        for row in rows {
            for (index, cell) in row.cells.enumerated() {
                file.append([
                    row.command, row.metric.rawValue, names[index], number(cell.value, "%.3f"),
                    number(cell.change, "%.3f"), number(cell.relativeChange, "%.4f"),
                    number(cell.relativeNoise, "%.4f"),
                    cell.withinNoise.map { "\($0)" } ?? "",
                ])
            }
        }
        return file.text
    }

    /// The text table: "command metric" then one column per run, aligned.
    static func table(_ rows: [Row], names: [String]) -> String {
        let header = ["command metric"] + names
        let body = rows.map { row in
            ["\(row.command) \(row.metric.displayName)"]
                + row.cells.enumerated().map { text($1, isBaseline: $0 == 0, format: row.metric.valueFormat) }
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        return ([header] + body).map { cells in
            zip(cells, widths).enumerated().map { index, pair in
                let padding = String(repeating: " ", count: max(0, pair.1 - pair.0.count))
                return index == 0 ? pair.0 + padding : padding + pair.0
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// "12.345", "12.900 (+4.5%) WORSE" or "12.400 (+0.4%) ~"; "-" when the run lacks the
    /// command; "too few samples (n=82)" for a percentile that is just the maximum.
    static func text(_ cell: Cell, isBaseline: Bool, format: String = "%.3f") -> String {
        if let samples = cell.samplesShort { return "\(tooFewSamples) (n=\(samples))" }
        guard let value = cell.value else { return "-" }
        var text = String(format: format, value)
        if isBaseline { return text }
        text += cell.relativeChange.map { String(format: " (%+.1f%%)", $0 * 100) } ?? " (n/a)"
        return text + " " + marker(cell)
    }

    /// The mark after a change: noise, worse, better, or nothing (noise unknown).
    static func marker(_ cell: Cell) -> String {
        if cell.withinNoise == true { return noiseMarker }
        return cell.isWorse.map { $0 ? worseMarker : betterMarker } ?? ""
    }

    /// A run's column title: its name, with "!" when there is a reason to be careful with it.
    static func headerName(_ run: ComparedRun) -> String {
        run.warnings.isEmpty ? run.name : run.name + " !"
    }

    static func number(_ value: Double?, _ format: String) -> String {
        value.map { String(format: format, $0) } ?? ""
    }
}
