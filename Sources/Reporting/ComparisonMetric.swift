import Measurement

/// One compared metric of a command kind: throughput, sample count or an all-outcomes
/// response-time percentile.
enum ComparisonMetric: String, CaseIterable, Sendable {
    case rate, samples, p50, p99
    case p99_9 = "p99.9"

    /// Unit of the values: commands per second, a count, or milliseconds.
    var unit: String {
        switch self {
        case .rate: return "/s"
        case .samples: return ""
        default: return "ms"
        }
    }

    /// How the text table and the HTML page name the metric.
    var displayName: String {
        switch self {
        case .rate: return "rate/s"
        case .samples: return "samples"
        default: return "\(rawValue) ms"
        }
    }

    /// How the text table and the HTML page print a value: counts whole, the rest to 3 decimals.
    var valueFormat: String { self == .samples ? "%.0f" : "%.3f" }

    /// The percentile, or nil for throughput and the sample count.
    var percentile: Double? {
        switch self {
        case .rate, .samples: return nil
        case .p50: return 50
        case .p99: return 99
        case .p99_9: return 99.9
        }
    }

    /// Whether a larger value is the better one (throughput), a smaller one (latency), or
    /// neither (the sample count, which follows from the rate and the window).
    var largerIsBetter: Bool? {
        switch self {
        case .rate: return true
        case .samples: return nil
        default: return false
        }
    }

    /// The value over the measured window; nil when the command did not run in that run, or ran
    /// too few times to resolve the percentile (`samplesShort`).
    func value(command: String, in analysis: RunAnalysis) -> Double? {
        guard let row = analysis.allRow(command: command), row.statistics.count + row.outOfRange > 0 else { return nil }
        switch self {
        case .rate: return row.ratePerSecond
        case .samples: return Double(row.statistics.count + row.outOfRange)
        default:
            guard samplesShort(command: command, in: analysis) == nil else { return nil }
            return (row.statistics.value(named: rawValue) ?? 0) / 1000
        }
    }

    /// The sample count when the command ran but too few times for this percentile to be more
    /// than its maximum (rule: `LatencyStatistics.resolves`); nil otherwise.
    func samplesShort(command: String, in analysis: RunAnalysis) -> UInt64? {
        guard let percentile, let row = analysis.allRow(command: command), row.statistics.count > 0 else { return nil }
        let samples = row.statistics.count
        return LatencyStatistics.resolves(percentile: percentile, samples: samples) ? nil : samples
    }
}
