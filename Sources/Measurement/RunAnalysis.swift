/// The derived numbers of a run over its measured window: summary rows and totals.
///
/// Rates divide by the measured window's seconds only; session phases are summarised over the
/// whole run because the login storm happens during warm-up and ramp-up.
public struct RunAnalysis: Sendable {
    public let result: RunResult
    public let measured: [IntervalRecord]
    public let measuredSeconds: Double
    /// Histograms of the measured window, per series.
    public let series: [SeriesKey: SparseHistogram]
    /// Histograms of the whole run, per series.
    public let runSeries: [SeriesKey: SparseHistogram]
    public let rows: [SummaryRow]

    public init(_ result: RunResult) {
        self.result = result
        measured = result.measuredIntervals
        measuredSeconds = measured.coveredSeconds
        series = measured.mergedHistograms()
        runSeries = result.intervals.mergedHistograms()
        rows = Self.buildRows(
            result: result, measured: measured, seconds: measuredSeconds, series: series, runSeries: runSeries)
    }

    /// Command kinds seen in the measured window, sorted.
    public var commandNames: [String] {
        Set(series.keys.filter { $0.group == .command }.map(\.name)).sorted()
    }

    /// The all-outcomes response row of a command kind.
    public func allRow(command: String) -> SummaryRow? {
        rows.first { $0.kind == .command && $0.label == command && $0.outcome == "all" }
    }

    /// Completed commands in the measured window (all outcomes).
    public var totalCommands: UInt64 {
        rows.filter { $0.kind == .command && $0.outcome == "all" }.reduce(0) { $0 + $1.statistics.count }
    }

    /// Non-OK completions in the measured window.
    public var totalErrors: UInt64 {
        rows.filter { $0.kind == .command && $0.outcome == "all" }.reduce(0) { $0 + $1.errors }
    }

    /// Commands per second over the measured window.
    public var commandRate: Double { measuredSeconds > 0 ? Double(totalCommands) / measuredSeconds : 0 }

    /// Fraction of commands that did not end OK.
    public var errorFraction: Double { totalCommands > 0 ? Double(totalErrors) / Double(totalCommands) : 0 }

    /// Histogram of everything matching `filter` in `source` (defaults to the measured window).
    public func histogram(
        where filter: (SeriesKey) -> Bool, in source: [SeriesKey: SparseHistogram]? = nil
    ) -> SparseHistogram {
        var merged = SparseHistogram()
        for (key, histogram) in source ?? series where filter(key) { merged.add(histogram) }
        return merged
    }

    private static func buildRows(
        result: RunResult, measured: [IntervalRecord], seconds: Double,
        series: [SeriesKey: SparseHistogram], runSeries: [SeriesKey: SparseHistogram]
    ) -> [SummaryRow] {
        let outOfRange = Self.outOfRange(measured)
        var builder = RowBuilder(seconds: seconds, outOfRange: outOfRange)
        let commands = Set(series.keys.filter { $0.group == .command }.map(\.name)).sorted()
        for command in commands {
            builder.add(
                label: command, kind: .command,
                series.filter { $0.key.name == command && $0.key.group == .command && $0.key.metric == .response })
        }
        let operations = Set(series.keys.filter { $0.group == .command && !$0.operation.isEmpty }.map(\.operation))
            .sorted()
        for operation in operations {
            builder.add(
                label: "op:\(operation)", kind: .operation,
                series.filter {
                    $0.key.group == .command && $0.key.operation == operation && $0.key.metric == .response
                })
        }
        for command in commands {
            for (metric, kind) in [(Metric.service, SummaryRow.Kind.service), (.sendLag, .sendLag)] {
                let matching = series.filter {
                    $0.key.name == command && $0.key.group == .command && $0.key.metric == metric
                }
                if !matching.isEmpty {
                    builder.add(label: "\(command).\(metric.rawValue)", kind: kind, matching, allOnly: true)
                }
            }
        }
        builder.seconds = result.intervals.coveredSeconds
        builder.outOfRange = Self.outOfRange(result.intervals)
        for phase in SessionPhase.allCases {
            let matching = runSeries.filter { $0.key.group == .phase && $0.key.name == phase.rawValue }
            if !matching.isEmpty { builder.add(label: "phase:\(phase.rawValue)", kind: .sessionPhase, matching) }
        }
        if !result.hasExplicitWindow {
            for runPhase in RunPhase.allCases where runPhase != .hold {
                let intervals = result.intervals.filter { $0.phase == runPhase }
                let matching = intervals.mergedHistograms().filter {
                    $0.key.group == .command && $0.key.metric == .response
                }
                builder.seconds = intervals.coveredSeconds
                if !matching.isEmpty {
                    builder.add(label: "run:\(runPhase.rawValue)", kind: .runPhase, matching, allOnly: true)
                }
            }
        }
        builder.seconds = seconds
        for generatorSeries in [LatencyRecorder.hiccupSeries, LatencyRecorder.ownSendLagSeries] {
            let matching = series.filter { $0.key == generatorSeries }
            if !matching.isEmpty {
                builder.add(label: "generator:\(generatorSeries.name)", kind: .generator, matching, allOnly: true)
            }
        }
        return builder.rows
    }

    private static func outOfRange(_ intervals: [IntervalRecord]) -> [SeriesKey: UInt64] {
        var result: [SeriesKey: UInt64] = [:]
        for interval in intervals {
            for (tag, count) in interval.outOfRange {
                if let key = SeriesKey(tag: tag) { result[key, default: 0] += count }
            }
        }
        return result
    }
}

/// Turns groups of series into per-outcome rows plus an "all" row.
private struct RowBuilder {
    var seconds: Double
    var outOfRange: [SeriesKey: UInt64]
    var rows: [SummaryRow] = []

    mutating func add(
        label: String, kind: SummaryRow.Kind, _ matching: [SeriesKey: SparseHistogram], allOnly: Bool = false
    ) {
        var all = SparseHistogram()
        var allOutOfRange: UInt64 = 0
        var errors: UInt64 = 0
        var perOutcome: [Outcome: (SparseHistogram, UInt64)] = [:]
        for (key, histogram) in matching {
            all.add(histogram)
            let lost = outOfRange[key] ?? 0
            allOutOfRange += lost
            if !key.outcome.isSuccess { errors += histogram.totalCount + lost }
            perOutcome[key.outcome, default: (SparseHistogram(), 0)].0.add(histogram)
            perOutcome[key.outcome, default: (SparseHistogram(), 0)].1 += lost
        }
        rows.append(row(label, kind, "all", all, allOutOfRange, errors))
        guard !allOnly else { return }
        for outcome in Outcome.allCases {
            guard let (histogram, lost) = perOutcome[outcome] else { continue }
            rows.append(
                row(label, kind, outcome.rawValue, histogram, lost, outcome.isSuccess ? 0 : histogram.totalCount + lost)
            )
        }
    }

    private func row(
        _ label: String, _ kind: SummaryRow.Kind, _ outcome: String, _ histogram: SparseHistogram, _ lost: UInt64,
        _ errors: UInt64
    ) -> SummaryRow {
        let count = histogram.totalCount + lost
        return SummaryRow(
            label: label, kind: kind, outcome: outcome, ratePerSecond: seconds > 0 ? Double(count) / seconds : 0,
            statistics: LatencyStatistics(histogram), outOfRange: lost, errors: errors
        )
    }
}
