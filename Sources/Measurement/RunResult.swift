import Foundation

/// A finished (or re-read) run: configuration, wall times and every interval with histograms.
///
/// Its JSON form is the run.json record without histograms; latency.hlog holds those.
public struct RunResult: Codable, Sendable {
    public var configuration: RunConfigurationRecord
    public var startWall: Date
    public var endWall: Date
    /// True when the run was stopped by Ctrl-C or SIGTERM.
    public var interrupted: Bool
    public var intervals: [IntervalRecord]
    /// Report window start in seconds since run start (`report --from`); nil = hold phase.
    public var windowFrom: Double?
    /// Report window end in seconds since run start (`report --to`); nil = hold phase.
    public var windowTo: Double?
    /// Segment labels of runs merged into this one (empty for a single run).
    public var segments: [String]
    /// What the consistency checks found; nil when the run had them off (`--checks`).
    public var checks: CheckTally?

    public init(
        configuration: RunConfigurationRecord, startWall: Date, endWall: Date, interrupted: Bool,
        intervals: [IntervalRecord], windowFrom: Double? = nil, windowTo: Double? = nil, segments: [String] = [],
        checks: CheckTally? = nil
    ) {
        self.configuration = configuration
        self.startWall = startWall
        self.endWall = endWall
        self.interrupted = interrupted
        self.intervals = intervals
        self.windowFrom = windowFrom
        self.windowTo = windowTo
        self.segments = segments
        self.checks = checks
    }

    /// True when an explicit window replaces the default hold-phase window.
    public var hasExplicitWindow: Bool { windowFrom != nil || windowTo != nil }

    /// Intervals of the measured window: the explicit window if set, else the hold phase,
    /// else (a run without a hold phase) every interval.
    public var measuredIntervals: [IntervalRecord] {
        if hasExplicitWindow {
            let from = windowFrom ?? -Double.infinity
            let to = windowTo ?? Double.infinity
            return intervals.filter { $0.startOffset >= from - 1e-6 && $0.endOffset <= to + 1e-6 }
        }
        let hold = intervals.filter { $0.phase == .hold }
        return hold.isEmpty ? intervals : hold
    }

    /// Measured window as (from, to) seconds since run start; (0, 0) when empty.
    public var measuredWindow: (from: Double, to: Double) {
        let measured = measuredIntervals
        return (measured.map(\.startOffset).min() ?? 0, measured.map(\.endOffset).max() ?? 0)
    }

    /// Total run length in seconds (first interval start to last interval end).
    public var durationSeconds: Double {
        (intervals.map(\.endOffset).max() ?? 0) - (intervals.map(\.startOffset).min() ?? 0)
    }
}

extension [IntervalRecord] {
    /// Histograms of all these intervals added together, per series.
    public func mergedHistograms() -> [SeriesKey: SparseHistogram] {
        var result: [SeriesKey: SparseHistogram] = [:]
        for interval in self {
            for (key, histogram) in interval.histograms { result[key, default: SparseHistogram()].add(histogram) }
        }
        return result
    }

    /// Seconds covered: the sum of interval lengths (intervals never overlap, also after a merge).
    public var coveredSeconds: Double { reduce(0) { $0 + $1.length } }
}
