import Foundation
import Measurement

/// Combines runs made at the same time on several machines (`--segment`).
public enum RunMerger {
    /// Aligns runs on wall-clock time (each moved to the nearest interval boundary), adds
    /// histograms and counters of intervals that coincide, and keeps the others; rates then use
    /// the union of the time windows because every merged interval is counted once. One shift
    /// per run, not per interval: rounding each interval put a 200 ms warm-up and the hold
    /// interval after it into one slot, and the hold lost it. A drain merges only with drains:
    /// merged into another run's full interval, it once gave that second's data the drain's label
    /// and its few milliseconds of length (the hold lost it, the rate was 30x). Shards that met
    /// at a start barrier are first put on shard 1's clock (`onCoordinatorClock`).
    public static func merge(_ runs: [RunResult]) throws -> RunResult {
        let runs = runs.map(onCoordinatorClock)
        guard let first = runs.min(by: { $0.startWall < $1.startWall }) else { throw ReportingError.nothingToCompare }
        let base = first.startWall
        let step = max(first.configuration.intervalSeconds, 0.001)
        var slots: [Slot: IntervalRecord] = [:]
        for run in runs {
            let shift = (run.startWall.timeIntervalSince(base) / step).rounded() * step
            for var interval in run.intervals {
                interval.startOffset += shift
                let slot = Slot(
                    millisecond: Int((interval.startOffset * 1000).rounded()), isDrain: interval.phase == .drain)
                guard var merged = slots[slot] else {
                    slots[slot] = interval
                    continue
                }
                // drains of one slot differ in length: the merged one lasts as long as the longest
                merged.length = max(merged.length, interval.length)
                merged.merge(interval)
                slots[slot] = merged
            }
        }
        var configuration = first.configuration
        configuration.runID = "merged-" + runs.map(\.configuration.runID).joined(separator: "+")
        configuration.cores = runs.reduce(0) { $0 + $1.configuration.cores }
        configuration.offeredRate = runs.compactMap(\.configuration.offeredRate).reduce(nil) { ($0 ?? 0) + $1 }
        // the segments split one session target between them: together they were asked for the sum
        configuration.targetSessions = runs.compactMap(\.configuration.targetSessions).reduce(nil) { ($0 ?? 0) + $1 }
        configuration.segment = nil
        return RunResult(
            configuration: configuration, startWall: base, endWall: runs.map(\.endWall).max() ?? base,
            interrupted: runs.contains { $0.interrupted }, intervals: slots.sorted { $0.key < $1.key }.map(\.value),
            segments: runs.map { $0.configuration.segment ?? $0.configuration.runID }, checks: mergedChecks(runs))
    }

    /// The tallies added up; runs that had checks off add nothing, so nil + tally = tally and the
    /// merged run has nil only when no run had checks on.
    static func mergedChecks(_ runs: [RunResult]) -> CheckTally? {
        runs.compactMap(\.checks).reduce(nil) { merged, tally in
            var sum = merged ?? CheckTally()
            sum.merge(tally)
            return sum
        }
    }

    /// The run with its wall times moved by its recorded clock offset to shard 1 (run.json's
    /// `shard_clock_offset_ms`), so that shards on machines whose clocks disagree line up on
    /// the moment they really started; a run without that note is left as it is.
    static func onCoordinatorClock(_ run: RunResult) -> RunResult {
        guard let text = run.configuration.notes[ShardNote.clockOffset], let milliseconds = Double(text) else {
            return run
        }
        var run = run
        run.startWall += milliseconds / 1000
        run.endWall += milliseconds / 1000
        return run
    }

    /// Where a merged interval goes: its aligned start to the millisecond, drains apart from the load.
    private struct Slot: Hashable, Comparable {
        var millisecond: Int
        var isDrain: Bool

        static func < (lhs: Slot, rhs: Slot) -> Bool {
            (lhs.millisecond, lhs.isDrain ? 1 : 0) < (rhs.millisecond, rhs.isDrain ? 1 : 0)
        }
    }
}
