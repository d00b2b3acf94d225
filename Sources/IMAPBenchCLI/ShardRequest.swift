import Driver
import Foundation
import Workload

/// Which shard this process is and how it meets the others, resolved from `ShardOptions`.
struct ShardRequest {
    var segment: Segment?
    /// Where the start barrier is; nil runs the shard on its own, unsynchronised (as `--segment` always did).
    var coordinator: (host: String, port: Int)?
    var barrierTimeout: Duration = .seconds(60)

    /// Waits at the start barrier when there is one (after populate, before the first session)
    /// and returns the run.json notes that record the agreed start and this shard's clock offset.
    func meetOtherShards() async throws -> [String: String] {
        guard let coordinator, let segment else { return [:] }
        printError("shard \(segment): waiting up to \(barrierTimeout) for all \(segment.count) shards at \(coordinator.host):\(coordinator.port)")
        let barrier = ShardBarrier(configuration: .init(host: coordinator.host, port: coordinator.port,
                                                        segment: segment, timeout: barrierTimeout))
        let start = try await barrier.meet()
        printError(String(format: "shard %@: all shards here; clock offset to shard 1 %.3f ms (round trip %.3f ms)",
                          segment.description, start.clockOffset * 1000, start.roundTrip * 1000))
        return start.notes
    }
}
