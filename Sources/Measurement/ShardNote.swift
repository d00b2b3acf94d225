/// Keys of run.json's `configuration.notes` that tie the shards of one test together: the
/// barrier writes the first three on every shard, shard 1's merge the rest.
public enum ShardNote {
    /// The agreed start, seconds since 1970 on shard 1's clock.
    public static let startTime = "shard_start_time"
    /// Shard 1's clock minus this shard's, in milliseconds: a merge adds it to the shard's times.
    public static let clockOffset = "shard_clock_offset_ms"
    /// Round trip of the exchange the offset came from (the offset is good to half of it).
    public static let roundTrip = "shard_clock_round_trip_ms"
    /// Merged result: the shards whose results never came, each with the reason.
    public static let missing = "shards_missing"
    /// Merged result: latest minus earliest start of the shards on shard 1's clock, in milliseconds.
    public static let startSkew = "shard_start_skew_ms"
}
