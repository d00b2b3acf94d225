import Foundation
import Measurement

extension RunMerger {
    /// Shard 1's merge of the shards that reported (shard 1's own run first): `merge`, then
    /// shard 1's thresholds, the start skew, and the shards that never reported with why.
    /// The merged record drops the shards' own clock notes, which describe one shard each.
    public static func mergeShards(_ runs: [RunResult], missing: [Int: String]) throws -> RunResult {
        var merged = try merge(runs)
        if let own = runs.first { merged.configuration.thresholds = own.configuration.thresholds }
        for key in [ShardNote.clockOffset, ShardNote.roundTrip] { merged.configuration.notes[key] = nil }
        if let skew = startSkew(runs) {
            merged.configuration.notes[ShardNote.startSkew] = String(format: "%.3f", skew * 1000)
        }
        if !missing.isEmpty {
            merged.configuration.notes[ShardNote.missing] = missingText(missing, of: runs.count + missing.count)
        }
        return merged
    }

    /// Latest minus earliest start of the runs, in seconds, each on shard 1's clock.
    public static func startSkew(_ runs: [RunResult]) -> Double? {
        let starts = runs.map { onCoordinatorClock($0).startWall.timeIntervalSince1970 }
        guard let earliest = starts.min(), let latest = starts.max() else { return nil }
        return latest - earliest
    }

    /// `shard 3 of 3: its connection closed ...; shard 4 of 4: ...`, by shard number.
    static func missingText(_ missing: [Int: String], of count: Int) -> String {
        missing.sorted { $0.key < $1.key }.map { "shard \($0.key) of \(count): \($0.value)" }.joined(separator: "; ")
    }
}
