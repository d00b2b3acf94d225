import Foundation
import Measurement

/// How much a metric moves on its own within a run, estimated from the run's interval data.
///
/// The rule behind the `~` marker (text table), `within_noise` (compare.csv) and the marked
/// cells of compare.html:
/// - The metric is computed per window of the measured intervals. For throughput a window is one
///   interval (commands of that kind per second). For a percentile p, consecutive intervals are
///   merged until the window holds at least 10 samples above p (10 / (1 - p) samples; a trailing
///   partial window is left out), because a p99.9 of a few hundred samples is just their maximum
///   and its spread would say nothing about the server.
/// - The noise of a run is the coefficient of variation of its window values (sample standard
///   deviation / mean). It is deliberately not divided by the square root of the window count:
///   intervals are correlated in time, and rerunning a benchmark moves its numbers by more than the
///   within-run standard error, so the interval-to-interval spread is the honest, conservative
///   estimate of what a rerun could show.
/// - The noises of the baseline and the compared run combine in quadrature, sqrt(a² + b²). A change
///   is within the noise when |relative change| <= that combined noise.
/// - With fewer than two windows in either run the noise is unknown: nothing is marked and the
///   noise columns stay empty, rather than claiming a change is real.
enum ComparisonNoise {
    /// Samples a window must hold above the percentile for its value to mean something.
    static let samplesAbovePercentile = 10.0

    /// The relative noise (coefficient of variation) of one run, or nil when it cannot be estimated.
    static func relativeNoise(_ metric: ComparisonMetric, command: String, in analysis: RunAnalysis) -> Double? {
        guard metric != .samples else { return nil }
        let values = windowValues(metric, command: command, in: analysis)
        guard values.count >= 2 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        guard mean > 0 else { return nil }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return variance.squareRoot() / mean
    }

    /// The noise of a change between two runs; nil when either is unknown.
    static func combined(_ baseline: Double?, _ other: Double?) -> Double? {
        guard let baseline, let other else { return nil }
        return (baseline * baseline + other * other).squareRoot()
    }

    /// The metric per window of the measured intervals (rate in /s, percentiles in ms).
    static func windowValues(_ metric: ComparisonMetric, command: String, in analysis: RunAnalysis) -> [Double] {
        guard let percentile = metric.percentile else {
            return analysis.measured.filter { $0.length > 0 }.map {
                Double(responses(command, $0).totalCount) / $0.length
            }
        }
        let needed = samplesAbovePercentile / (1 - percentile / 100)
        var values: [Double] = []
        var window = SparseHistogram()
        for interval in analysis.measured {
            window.add(responses(command, interval))
            guard Double(window.totalCount) >= needed else { continue }
            values.append(Double(window.values(atPercentiles: [percentile])[0]) / 1000)
            window = SparseHistogram()
        }
        return values
    }

    /// All-outcomes response times of a command kind within one interval.
    private static func responses(_ command: String, _ interval: IntervalRecord) -> SparseHistogram {
        var histogram = SparseHistogram()
        for (key, value) in interval.histograms
        where key.group == .command && key.metric == .response && key.name == command {
            histogram.add(value)
        }
        return histogram
    }
}
