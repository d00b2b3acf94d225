import Foundation

/// One stored interval of a run: its time, load state, counters and sparse histograms.
///
/// The JSON form (in run.json) leaves the histograms out: they live in latency.hlog, where
/// standard HdrHistogram tools can read them.
public struct IntervalRecord: Codable, Sendable {
    public var startWall: Date
    /// Seconds since the run started, from the monotonic clock.
    public var startOffset: Double
    public var length: Double
    /// Sessions connected (logged in and ready) when the interval ended.
    public var sessions: Int
    /// The sessions connected at some moment during the interval (per event loop, added up): not
    /// all at once, since a session that reconnects often is logging in much of the time. Runs
    /// recorded before 2026-12-08 kept the most connected at once; nil in runs older still, where
    /// `sessions` stands in.
    public var peakSessions: Int?
    /// Connected session-seconds and the mix's service time, for the pipeline line; nil in runs
    /// recorded before it was kept.
    public var pipelineOccupancy: PipelineOccupancy?
    public var phase: RunPhase
    /// Process CPU (user + system) seconds consumed during this interval.
    public var processCPUSeconds: Double
    public var openFiles: Int
    public var outOfRange: [String: UInt64]
    public var traffic: [TrafficEntry]
    public var dropped: [String: UInt64]
    public var skipped: [SkippedEntry]
    /// Histograms in microseconds per series; not part of the JSON form.
    public var histograms: [SeriesKey: SparseHistogram] = [:]

    /// Traffic counters of one command kind within one operation.
    public struct TrafficEntry: Codable, Sendable, Equatable {
        public var command: String
        public var operation: String
        public var counters: TrafficCounters
    }

    /// Operations skipped for one reason.
    public struct SkippedEntry: Codable, Sendable, Equatable {
        public var operation: String
        public var reason: String
        public var count: UInt64
    }

    enum CodingKeys: String, CodingKey {
        case startWall = "start_wall"
        case startOffset = "start_s"
        case length = "length_s"
        case sessions, phase
        case peakSessions = "peak_sessions"
        case pipelineOccupancy = "pipeline_occupancy"
        case processCPUSeconds = "process_cpu_s"
        case openFiles = "open_files"
        case outOfRange = "out_of_range"
        case traffic, dropped, skipped
    }

    public init(
        startWall: Date, startOffset: Double, length: Double, sessions: Int, phase: RunPhase,
        processCPUSeconds: Double = 0, openFiles: Int = 0, data: IntervalData = IntervalData(),
        peakSessions: Int? = nil,
        pipelineOccupancy: PipelineOccupancy? = nil
    ) {
        self.pipelineOccupancy = pipelineOccupancy
        self.startWall = startWall
        self.startOffset = startOffset
        self.length = length
        self.sessions = sessions
        self.peakSessions = peakSessions
        self.phase = phase
        self.processCPUSeconds = processCPUSeconds
        self.openFiles = openFiles
        outOfRange = Dictionary(uniqueKeysWithValues: data.outOfRange.map { ($0.key.tag, $0.value) })
        traffic = data.traffic.sorted { $0.key < $1.key }.map {
            TrafficEntry(command: $0.key.command, operation: $0.key.operation, counters: $0.value)
        }
        dropped = data.dropped
        skipped = data.skipped.map { SkippedEntry(operation: $0.key.operation, reason: $0.key.reason, count: $0.value) }
            .sorted { ($0.operation, $0.reason) < ($1.operation, $1.reason) }
        histograms = data.histograms.mapValues { SparseHistogram($0) }.filter { !$0.value.isEmpty }
    }

    /// The sessions connected during the interval (see `peakSessions`), as well as it is known.
    public var sessionsPeak: Int { max(peakSessions ?? sessions, sessions) }

    /// Seconds since run start at which this interval ends.
    public var endOffset: Double { startOffset + length }

    /// Adds another interval covering the same time (another generator or loop): counters and
    /// histograms add; sessions add; CPU adds; open files add.
    public mutating func merge(_ other: IntervalRecord) {
        for (key, histogram) in other.histograms { histograms[key, default: SparseHistogram()].add(histogram) }
        for (key, count) in other.outOfRange { outOfRange[key, default: 0] += count }
        var trafficByKey = Dictionary(
            uniqueKeysWithValues: traffic.map {
                (TrafficKey(command: $0.command, operation: $0.operation), $0.counters)
            })
        for entry in other.traffic {
            trafficByKey[TrafficKey(command: entry.command, operation: entry.operation), default: TrafficCounters()]
                .add(entry.counters)
        }
        traffic = trafficByKey.sorted { $0.key < $1.key }.map {
            TrafficEntry(command: $0.key.command, operation: $0.key.operation, counters: $0.value)
        }
        for (key, count) in other.dropped { dropped[key, default: 0] += count }
        var skippedByKey = Dictionary(
            uniqueKeysWithValues: skipped.map { (SkipKey(operation: $0.operation, reason: $0.reason), $0.count) })
        for entry in other.skipped {
            skippedByKey[SkipKey(operation: entry.operation, reason: entry.reason), default: 0] += entry.count
        }
        skipped = skippedByKey.map { SkippedEntry(operation: $0.key.operation, reason: $0.key.reason, count: $0.value) }
            .sorted { ($0.operation, $0.reason) < ($1.operation, $1.reason) }
        peakSessions = sessionsPeak + other.sessionsPeak
        if let theirs = other.pipelineOccupancy, var ours = pipelineOccupancy {
            ours.merge(theirs)
            pipelineOccupancy = ours
        } else {
            pipelineOccupancy = nil  // one side did not keep it: the sum would be short
        }
        sessions += other.sessions
        processCPUSeconds += other.processCPUSeconds
        openFiles += other.openFiles
    }
}
