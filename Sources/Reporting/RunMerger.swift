import Foundation
import Measurement

/// Combines runs made at the same time on several machines (`--segment`).
public enum RunMerger {
    /// Aligns intervals on wall-clock time (to the nearest interval length), adds histograms and
    /// counters of intervals that coincide, and keeps the others; rates then use the union of
    /// the time windows because every merged interval is counted once.
    public static func merge(_ runs: [RunResult]) throws -> RunResult {
        guard let first = runs.min(by: { $0.startWall < $1.startWall }) else { throw ReportingError.nothingToCompare }
        let base = first.startWall
        let step = max(first.configuration.intervalSeconds, 0.001)
        var slots: [Int: IntervalRecord] = [:]
        for run in runs {
            for var interval in run.intervals {
                let offset = interval.startWall.timeIntervalSince(base)
                let slot = Int((offset / step).rounded())
                interval.startOffset = Double(slot) * step
                if slots[slot] == nil { slots[slot] = interval } else { slots[slot]?.merge(interval) }
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
            segments: runs.map { $0.configuration.segment ?? $0.configuration.runID })
    }
}
