import Histogram

/// Bytes and response counts of one command kind within one operation.
public struct TrafficCounters: Codable, Sendable, Equatable {
    public var commands: UInt64 = 0
    public var bytesIn: UInt64 = 0
    public var bytesOut: UInt64 = 0
    public var untagged: UInt64 = 0

    public init(commands: UInt64 = 0, bytesIn: UInt64 = 0, bytesOut: UInt64 = 0, untagged: UInt64 = 0) {
        self.commands = commands
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.untagged = untagged
    }

    public mutating func add(_ other: TrafficCounters) {
        commands += other.commands
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        untagged += other.untagged
    }
}

/// Identifies a count of operations the generator skipped, with the reason.
public struct SkipKey: Hashable, Codable, Sendable {
    public var operation: String
    public var reason: String

    public init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }
}

/// Everything one or more recorders measured during one interval.
///
/// Merging adds histograms and counters; nothing is ever averaged, so the merge of the
/// per-loop data is exactly what one recorder would have measured.
public struct IntervalData: Sendable {
    /// Live histograms (microseconds) per series.
    public var histograms: [SeriesKey: Histogram<UInt64>] = [:]
    /// Values above the histogram's top (2^32 us, 71.6 min: the 1 hour asked for, rounded up by
    /// HdrHistogram), counted rather than silently dropped.
    public var outOfRange: [SeriesKey: UInt64] = [:]
    public var traffic: [TrafficKey: TrafficCounters] = [:]
    /// Open model: commands the generator could not send, per operation.
    public var dropped: [String: UInt64] = [:]
    public var skipped: [SkipKey: UInt64] = [:]

    public init() {}

    /// Adds another interval's data (from another event loop) into this one.
    public mutating func merge(_ other: IntervalData) {
        for (key, histogram) in other.histograms {
            if histograms[key] == nil {
                histograms[key] = histogram
            } else {
                histograms[key]?.add(histogram)
            }
        }
        for (key, count) in other.outOfRange { outOfRange[key, default: 0] += count }
        for (key, counters) in other.traffic { traffic[key, default: TrafficCounters()].add(counters) }
        for (key, count) in other.dropped { dropped[key, default: 0] += count }
        for (key, count) in other.skipped { skipped[key, default: 0] += count }
    }

    /// True when no value and no counter was recorded.
    public var isEmpty: Bool {
        histograms.isEmpty && outOfRange.isEmpty && traffic.isEmpty && dropped.isEmpty && skipped.isEmpty
    }
}
