import Foundation

/// Accumulates the merged interval stream of a run.
///
/// Called once per tick from one thread (the driver's ticker) with the data of all loops
/// already merged; each interval is kept in sparse form so long runs stay small.
public final class RunCollector {
    private let configuration: RunConfigurationRecord
    private var intervals: [IntervalRecord] = []
    private var startWall: Date?
    /// Sees every interval as it is stored, and the late samples added to one (live metrics).
    public var observer: IntervalObserver?

    public init(configuration: RunConfigurationRecord) {
        self.configuration = configuration
    }

    /// Stores one interval. `startOffset` is seconds since run start on the monotonic clock;
    /// `peakSessions` is how many sessions were connected at some moment during it (nil: not known).
    public func add(
        interval: IntervalData, startWall: Date, startOffset: Double, length: Double, sessions: Int,
        phase: RunPhase, processCPUSeconds: Double, openFiles: Int, peakSessions: Int? = nil,
        pipelineOccupancy: PipelineOccupancy? = nil
    ) {
        if self.startWall == nil {
            self.startWall = startWall.addingTimeInterval(-startOffset)
        }
        let record = IntervalRecord(
            startWall: startWall, startOffset: startOffset, length: length, sessions: sessions, phase: phase,
            processCPUSeconds: processCPUSeconds, openFiles: openFiles, data: interval, peakSessions: peakSessions,
            pipelineOccupancy: pipelineOccupancy
        )
        intervals.append(record)
        observer?.observe(record, late: false)
    }

    /// How many intervals are stored; the next one added gets this index.
    public var intervalCount: Int { intervals.count }

    /// Adds samples to the stored interval `index`: commands due in its window that ended after it
    /// was stored (answered late, timed out or never answered) still count in that window.
    public func addLate(_ data: IntervalData, toInterval index: Int) {
        guard intervals.indices.contains(index), !data.isEmpty else { return }
        let stored = intervals[index]
        let late = IntervalRecord(
            startWall: stored.startWall, startOffset: stored.startOffset, length: stored.length, sessions: 0,
            phase: stored.phase, data: data,
            pipelineOccupancy: stored.pipelineOccupancy.map { _ in PipelineOccupancy() })
        intervals[index].merge(late)
        observer?.observe(late, late: true)
    }

    /// The finished result; `interrupted` records a Ctrl-C or SIGTERM stop.
    public func finish(endWall: Date, interrupted: Bool) -> RunResult {
        RunResult(
            configuration: configuration, startWall: startWall ?? endWall, endWall: endWall,
            interrupted: interrupted, intervals: intervals
        )
    }
}
