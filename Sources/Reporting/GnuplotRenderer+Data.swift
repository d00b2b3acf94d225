import Foundation
import Measurement

extension GnuplotRenderer {
    /// One block per series (`PlotSeries` order): two rows per interval, at its start and at its
    /// end, so each interval is a flat step exactly as long as it was. A short last interval is a
    /// short step of its true rate, never a spike. Columns: t_s, rate/s, p50 ms, p99 ms, errors/s,
    /// sessions. The drain is left out (`RunResult.loadIntervals`).
    static func timeseriesData(_ result: RunResult, _ series: PlotSeries) -> String {
        var blocks = [String: [String]]()
        for interval in result.loadIntervals {
            var histograms = [String: SparseHistogram]()
            var errors = [String: UInt64]()
            for (key, histogram) in interval.histograms where key.group == .command && key.metric == .response {
                for name in series.names where series.includes(name, key.name) {
                    histograms[name, default: SparseHistogram()].add(histogram)
                    if !key.outcome.isSuccess { errors[name, default: 0] += histogram.totalCount }
                }
            }
            let length = max(interval.length, 1e-9)
            for name in series.names {
                let histogram = histograms[name] ?? SparseHistogram()
                let values =
                    histogram.totalCount > 0
                    ? histogram.values(atPercentiles: [50, 99]).map { String(format: "%.3f", Double($0) / 1000) }
                    : ["NaN", "NaN"]
                let columns =
                    String(format: "%.3f", Double(histogram.totalCount) / length) + " \(values[0]) \(values[1]) "
                    + String(format: "%.3f", Double(errors[name] ?? 0) / length) + " \(interval.sessions)"
                blocks[name, default: []] += [
                    String(format: "%.3f ", interval.startOffset) + columns,
                    String(format: "%.3f ", interval.endOffset) + columns,
                ]
            }
        }
        return series.names.map { name in
            "# \(GnuplotScript.latin(name))\n# t_s rate_per_s p50_ms p99_ms errors_per_s sessions\n"
                + (blocks[name] ?? ["0 0 NaN NaN 0 0"]).joined(separator: "\n")
        }.joined(separator: "\n\n\n") + "\n"
    }

    /// The error outcomes seen in the load intervals, most frequent first.
    static func errorOutcomes(_ result: RunResult) -> [String] {
        var counts = [String: UInt64]()
        for interval in result.loadIntervals {
            for (key, histogram) in interval.histograms
            where key.group == .command && key.metric == .response && !key.outcome.isSuccess {
                counts[key.outcome.rawValue, default: 0] += histogram.totalCount
            }
        }
        return counts.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map(\.key)
    }

    /// One block per error outcome: steps (as `timeseriesData`) of t_s and errors/s of all commands.
    static func errorsData(_ result: RunResult, outcomes: [String]) -> String {
        let blocks = outcomes.map { outcome in
            let lines = result.loadIntervals.flatMap { interval -> [String] in
                let count = interval.histograms.filter {
                    $0.key.group == .command && $0.key.metric == .response && $0.key.outcome.rawValue == outcome
                }
                .reduce(UInt64(0)) { $0 + $1.value.totalCount }
                let rate = String(format: " %.3f", Double(count) / max(interval.length, 1e-9))
                return [
                    String(format: "%.3f", interval.startOffset) + rate,
                    String(format: "%.3f", interval.endOffset) + rate,
                ]
            }
            return "# \(outcome)\n# t_s errors_per_s\n" + lines.joined(separator: "\n")
        }
        return (blocks.isEmpty ? ["# no errors\n0 0"] : blocks).joined(separator: "\n\n\n") + "\n"
    }

    /// One block per series: nines (-log10(1-p)), value in ms, percentile; the last point is the
    /// maximum, at the nines of the last sample (log10(count)), so the curve reaches the max.
    static func spectrumData(_ analysis: RunAnalysis, _ series: PlotSeries) -> (text: String, topNines: Double) {
        var top = 1.0
        let blocks = series.names.map { name in
            let histogram = analysis.histogram(where: {
                $0.group == .command && $0.metric == .response && series.includes(name, $0.name)
            })
            let points = spectrumPoints(histogram)
            top = max(top, points.last?.nines ?? 0)
            let lines = points.map { String(format: "%.4f %.3f %.6f", $0.nines, $0.millis, $0.level) }
            return "# \(GnuplotScript.latin(name))\n" + (lines.isEmpty ? "NaN NaN NaN" : lines.joined(separator: "\n"))
        }
        return (blocks.joined(separator: "\n\n\n") + "\n", top)
    }

    /// The spectrum's points with the maximum appended where the samples run out.
    static func spectrumPoints(_ histogram: SparseHistogram) -> [(nines: Double, millis: Double, level: Double)] {
        var points = CSVTables.spectrum(histogram).filter { $0.0 < 100 }.map {
            (nines: -log10(1 - $0.0 / 100), millis: Double($0.1) / 1000, level: $0.0)
        }
        guard histogram.totalCount > 0 else { return points }
        let maxNines = max(points.last?.nines ?? 0, log10(Double(histogram.totalCount)))
        points.append((nines: maxNines, millis: Double(histogram.maxValue) / 1000, level: 100))
        return points
    }

    /// Session phases: index, name, p50 ms, p99 ms, count.
    static func phasesData(_ analysis: RunAnalysis) -> String {
        let rows = analysis.rows.filter { $0.kind == .sessionPhase && $0.outcome == "all" }
        let lines = rows.enumerated().map { index, row in
            "\(index) \"\(GnuplotScript.latin(row.label).replacingOccurrences(of: "\"", with: "'"))\" "
                + String(format: "%.3f %.3f", Double(row.statistics.p50) / 1000, Double(row.statistics.p99) / 1000)
                + " \(row.statistics.count)"
        }
        return "# index phase p50_ms p99_ms count\n"
            + (lines.isEmpty ? "0 \"none\" 0 0 0" : lines.joined(separator: "\n")) + "\n"
    }
}
