import Measurement

/// What `/metrics` shows, built up from the run's intervals: counters and histograms cumulative
/// over the run (one series per run phase), gauges from the latest interval.
///
/// Pure and single-threaded; `LiveMetrics` guards it. Labels are bounded by the profile
/// (commands, operations, outcomes, phases): never a user, mailbox or session.
struct LiveMetricsState: Sendable {
    /// Identifies a command counter: as summary.csv's rows, summed over operations.
    struct CommandKey: Hashable, Comparable, Sendable {
        var phase: RunPhase
        var command: String
        var outcome: Outcome

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.phase.rawValue, lhs.command, lhs.outcome) < (rhs.phase.rawValue, rhs.command, rhs.outcome)
        }
    }

    /// Identifies one duration histogram series: all outcomes of a command in a phase.
    struct DurationKey: Hashable, Comparable, Sendable {
        var metric: Metric
        var phase: RunPhase
        var command: String

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.metric, lhs.phase.rawValue, lhs.command) < (rhs.metric, rhs.phase.rawValue, rhs.command)
        }
    }

    /// Identifies a dropped (`reason` empty) or skipped count.
    struct OperationKey: Hashable, Comparable, Sendable {
        var phase: RunPhase
        var operation: String
        var reason = ""

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.phase.rawValue, lhs.operation, lhs.reason) < (rhs.phase.rawValue, rhs.operation, rhs.reason)
        }
    }

    /// The gauges: the load and the generator's health in the latest interval.
    struct Latest: Sendable, Equatable {
        var phase: RunPhase
        var connectedSessions: Int
        /// The generator's own send lag, p99 of the interval, seconds; nil when nothing was sent.
        var sendLagP99Seconds: Double?
        /// How late a 1 ms timer woke, p99 of the interval, seconds; nil before the meter ran.
        var hiccupP99Seconds: Double?
    }

    private(set) var commands: [CommandKey: UInt64] = [:]
    private(set) var durations: [DurationKey: BucketCounts] = [:]
    private(set) var dropped: [OperationKey: UInt64] = [:]
    private(set) var skipped: [OperationKey: UInt64] = [:]
    private(set) var latest: Latest?
    /// Sessions the run was asked for; nil until the plan is known.
    var targetSessions: Int?

    /// Adds one stored interval (see `IntervalObserver.observe`).
    mutating func add(_ record: IntervalRecord, late: Bool) {
        for (key, histogram) in record.histograms where key.group == .command {
            if key.metric == .response {
                commands[CommandKey(phase: record.phase, command: key.name, outcome: key.outcome), default: 0] +=
                    histogram.totalCount
            }
            durations[DurationKey(metric: key.metric, phase: record.phase, command: key.name), default: BucketCounts()]
                .add(histogram)
        }
        addOutOfRange(record)
        for (operation, count) in record.dropped {
            dropped[OperationKey(phase: record.phase, operation: operation), default: 0] += count
        }
        for entry in record.skipped {
            skipped[OperationKey(phase: record.phase, operation: entry.operation, reason: entry.reason), default: 0] +=
                entry.count
        }
        if !late { latest = Self.latest(of: record) }
    }

    /// Values above the histograms' top count as commands (summary.csv counts them too) and in `+Inf`.
    private mutating func addOutOfRange(_ record: IntervalRecord) {
        for (tag, count) in record.outOfRange {
            guard let key = SeriesKey(tag: tag), key.group == .command else { continue }
            if key.metric == .response {
                commands[CommandKey(phase: record.phase, command: key.name, outcome: key.outcome), default: 0] += count
            }
            durations[DurationKey(metric: key.metric, phase: record.phase, command: key.name), default: BucketCounts()]
                .addOutOfRange(count)
        }
    }

    private static func latest(of record: IntervalRecord) -> Latest {
        func p99(_ series: SeriesKey) -> Double? {
            guard let histogram = record.histograms[series], !histogram.isEmpty else { return nil }
            return Double(histogram.value(atPercentile: 99)) / 1e6
        }
        return Latest(
            phase: record.phase, connectedSessions: record.sessions,
            sendLagP99Seconds: p99(LatencyRecorder.ownSendLagSeries),
            hiccupP99Seconds: p99(LatencyRecorder.hiccupSeries))
    }
}
