import Foundation

/// The outcome of one threshold on one run.
public struct ThresholdVerdict: Codable, Sendable, Equatable {
    public var threshold: String
    public var passed: Bool
    /// The observed value in the threshold's base unit; nil when the subject was not measured.
    public var observed: Double?
    public var detail: String

    public init(threshold: String, passed: Bool, observed: Double?, detail: String) {
        self.threshold = threshold
        self.passed = passed
        self.observed = observed
        self.detail = detail
    }
}

extension Threshold {
    /// Evaluates this threshold over the measured window of a run.
    public func evaluate(_ result: RunResult) -> ThresholdVerdict {
        evaluate(RunAnalysis(result))
    }

    /// Evaluates with an analysis already computed (several thresholds on one run).
    public func evaluate(_ analysis: RunAnalysis) -> ThresholdVerdict {
        if subject == "checks" || subject.hasPrefix("check:"), analysis.result.checks == nil {
            return ThresholdVerdict(
                threshold: text, passed: false, observed: nil, detail: "checks were off: run with --checks")
        }
        guard let observed = observe(analysis) else {
            return ThresholdVerdict(
                threshold: text, passed: false, observed: nil, detail: "nothing measured for '\(subject)'")
        }
        let passed = comparison.holds(observed, limit)
        return ThresholdVerdict(
            threshold: text, passed: passed, observed: observed,
            detail:
                "observed \(Self.format(observed, statistic: subject == "errors" && statistic == "rate" ? "error_rate" : statistic))"
        )
    }

    private func observe(_ analysis: RunAnalysis) -> Double? {
        if let checks = analysis.result.checks {
            if subject == "checks" { return Double(statistic == "warnings" ? checks.warningCount : checks.errorCount) }
            if subject.hasPrefix("check:"), statistic == "count" {
                return CheckID(rawValue: String(subject.dropFirst(6))).map { Double(checks.counts[$0] ?? 0) }
            }
        }
        if subject == "errors" {
            switch statistic {
            case "rate", "error_rate": return analysis.totalCommands > 0 ? analysis.errorFraction : nil
            case "count": return Double(analysis.totalErrors)
            default: return nil
            }
        }
        // session phases are judged over the whole run, like their summary rows: a closed run's
        // logins all happen in the ramp-up, before the measured window
        let histogram = analysis.histogram(where: matches, in: subject.hasPrefix("phase:") ? analysis.runSeries : nil)
        // "no command ended this way" is a measurement of zero, not a missing subject
        if subject.hasPrefix("outcome:"), statistic == "count" {
            return analysis.totalCommands > 0 ? Double(histogram.totalCount) : nil
        }
        guard !histogram.isEmpty else { return nil }
        switch statistic {
        case "rate": return analysis.measuredSeconds > 0 ? Double(histogram.totalCount) / analysis.measuredSeconds : nil
        case "count": return Double(histogram.totalCount)
        case "error_rate":
            let errors = analysis.histogram(where: { matches($0) && !$0.outcome.isSuccess }).totalCount
            return Double(errors) / Double(histogram.totalCount)
        default:
            if let percentile = Self.percentile(of: statistic) {
                return Double(histogram.value(atPercentile: percentile))
            }
            return LatencyStatistics(histogram).value(named: statistic)
        }
    }

    /// Which response-time series the subject names: all commands, a command kind (exact, or
    /// as its last word: `fetch` covers FETCH and UID FETCH), an operation, or a session phase.
    private func matches(_ key: SeriesKey) -> Bool {
        let wanted = subject.replacingOccurrences(of: "_", with: " ")
        if subject.hasPrefix("phase:") { return key.group == .phase && key.name == String(subject.dropFirst(6)) }
        guard key.group == .command, key.metric == .response else { return false }
        if subject.hasPrefix("outcome:") { return key.outcome.rawValue == String(subject.dropFirst(8)) }
        if subject == "commands" { return true }
        let name = key.name.lowercased()
        return name == wanted || name.split(separator: " ").last.map(String.init) == wanted
            || key.operation.lowercased() == subject
    }

    static func format(_ value: Double, statistic: String) -> String {
        switch statistic {
        case "rate": return String(format: "%.3f", value)
        case "count": return String(format: "%.0f", value)
        case "error_rate": return String(format: "%.4f%%", value * 100)
        default: return String(format: "%.3f ms", value / 1000)
        }
    }
}
