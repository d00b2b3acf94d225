import Foundation

/// What the coordinator got from one shard after the run: its result files, or why none came.
public enum ShardDelivery: Sendable, Equatable {
    /// The files by name (`run.json`, `latency.hlog`), as the shard wrote them.
    case files([String: Data])
    /// No result: the reason, written for a person ("its connection closed during the run").
    case missing(String)

    /// Result files each shard sends to the coordinator (the rest of a run directory is derived from them).
    public static let fileNames = ["run.json", "latency.hlog"]
}
