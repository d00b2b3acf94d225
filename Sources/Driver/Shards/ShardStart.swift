import Measurement

/// What the start barrier agreed: when this shard starts, and how its clock relates to shard 1's.
public struct ShardStart: Sendable, Equatable {
    /// 1-based shard number, and how many shards met.
    public var shard: Int
    public var shards: Int
    /// The common start, wall-clock seconds since 1970 on the coordinator's (shard 1's) clock.
    public var startTime: Double
    /// The coordinator's clock minus this shard's, in seconds (0 on shard 1).
    public var clockOffset: Double
    /// Round trip of the exchange the offset came from; the offset is good to half of it.
    public var roundTrip: Double

    public init(shard: Int, shards: Int, startTime: Double, clockOffset: Double, roundTrip: Double) {
        self.shard = shard
        self.shards = shards
        self.startTime = startTime
        self.clockOffset = clockOffset
        self.roundTrip = roundTrip
    }

    /// The common start on this shard's own clock.
    public var localStartTime: Double { startTime - clockOffset }

    /// Keys of the run record's notes, so that merged shards can be aligned later.
    public typealias Note = ShardNote

    /// The agreement as run.json notes (times in the units their names say).
    public var notes: [String: String] {
        [
            Note.startTime: String(format: "%.6f", startTime),
            Note.clockOffset: String(format: "%.3f", clockOffset * 1000),
            Note.roundTrip: String(format: "%.3f", roundTrip * 1000),
        ]
    }
}
