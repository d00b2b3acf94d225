import Foundation
import Measurement

/// The run's live metrics: observes the collector's intervals and renders a scrape.
///
/// The one lock is taken once per interval (by the run's ticker) and once per scrape (by the
/// metrics server's loop), never on the path that records a command: the event loops hand
/// their per-interval HdrHistograms to the run controller as before, and this sees the merged result.
public final class LiveMetrics: IntervalObserver, @unchecked Sendable {
    private let identity: MetricsExposition.Identity
    private let lock = NSLock()
    private var state = LiveMetricsState()

    /// `runID` and `shard` label every sample: the result directory's name and `i/N` (`1/1` unsharded).
    public init(runID: String, shard: String) {
        identity = MetricsExposition.Identity(runID: runID, shard: shard)
    }

    /// The sessions the run was asked for (`imapbench_sessions_target`), known once the plan is.
    public func setTargetSessions(_ sessions: Int) {
        lock.withLock { state.targetSessions = sessions }
    }

    public func observe(_ record: IntervalRecord, late: Bool) {
        lock.withLock { state.add(record, late: late) }
    }

    /// The scrape body; rendered outside the lock from a copy of the state.
    public func render(_ format: MetricsExposition.Format) -> String {
        let snapshot = lock.withLock { state }
        return MetricsExposition.render(snapshot, identity: identity, format: format)
    }
}
