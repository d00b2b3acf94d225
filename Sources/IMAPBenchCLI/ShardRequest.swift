import Driver
import Foundation
import Workload

/// Which shard this process is and how it meets the others, resolved from `ShardOptions`.
struct ShardRequest {
    var segment: Segment?
    /// How the slice was given, for errors about it: `--shard 2/3`, `--segment 2/3`, or
    /// `shard 2/3 (JOB_COMPLETION_INDEX=1)`.
    var segmentSource: String?
    /// Where the start barrier is; nil runs the shard on its own, unsynchronised (as `--segment` always did).
    var coordinator: (host: String, port: Int)?
    var barrierTimeout: Duration = .seconds(60)
    /// How long shard 1, its own run over, waits for the others' results (and a shard for
    /// shard 1's acknowledgement): shards end together, give or take their drains.
    var resultsTimeout: Duration = .seconds(120)

    /// Waits at the start barrier when there is one (after populate, before the first session);
    /// the meeting's start gives the run.json notes (agreed start, this shard's clock offset),
    /// and its connections carry the results after the run.
    func meetOtherShards() async throws -> ShardMeeting? {
        guard let coordinator, let segment else { return nil }
        printError(
            "shard \(segment): waiting up to \(barrierTimeout) for all \(segment.count) shards at \(coordinator.host):\(coordinator.port)"
        )
        let barrier = ShardBarrier(
            configuration: .init(
                host: coordinator.host, port: coordinator.port,
                segment: segment, timeout: barrierTimeout))
        let meeting = try await barrier.meet()
        let start = meeting.start
        printError(
            String(
                format: "shard %@: all shards here; clock offset to shard 1 %.3f ms (round trip %.3f ms)",
                segment.description, start.clockOffset * 1000, start.roundTrip * 1000))
        return meeting
    }
}
