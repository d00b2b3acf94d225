/// What one depth of `probe pipeline` measured, summarised from every session's samples.
public struct PipelineDepthResult: Sendable, Codable, Hashable {
    /// Latency of one command name (or `ALL`) at this depth.
    public struct CommandStats: Sendable, Codable, Hashable {
        public var command: String
        public var count: Int
        public var p50Micros: Double?
        public var p99Micros: Double?
        public var errors: Int
        public var lost: Int
    }

    public var depth: Int
    public var sessions: Int
    public var measuredSeconds: Double
    public var commands: Int
    public var throughputPerSecond: Double
    public var bursts: Int
    /// Commands per burst on average: below the depth when the mix's ordering rules split bursts.
    public var meanBurstSize: Double
    /// Commands of the mix left out of bursts because they must run alone.
    public var skippedBarriers: Int
    public var outOfOrderBursts: Int
    public var errors: Int
    /// Tags the server never answered within the command timeout.
    public var lost: Int
    /// Median latency (µs) of the k-th command of a burst, k = 1...depth.
    public var medianByPositionMicros: [Double]
    /// How much each further position in a burst adds to the median latency, µs (least squares).
    public var growthPerPositionMicros: Double
    /// That growth as a fraction of the first command's latency: ~1 when the server works one
    /// command at a time, ~0 when it works on them concurrently.
    public var growthRatio: Double
    public var perCommand: [CommandStats]
    public var problems: [String]

    init(depth: Int, sessions: Int, measuredSeconds: Double, samples: PipelineSessionSamples) {
        self.depth = depth
        self.sessions = sessions
        self.measuredSeconds = measuredSeconds
        commands = samples.commands
        let span = max(measuredSeconds, Double(samples.lastCompletionNanos) / 1e9)
        throughputPerSecond = span > 0 ? Double(samples.commands - samples.lost) / span : 0
        bursts = samples.bursts
        meanBurstSize = samples.bursts > 0 ? Double(samples.commands) / Double(samples.bursts) : 0
        skippedBarriers = samples.skippedBarriers
        outOfOrderBursts = samples.outOfOrderBursts
        errors = samples.errors
        lost = samples.lost
        medianByPositionMicros = samples.byPosition.map {
            PercentileMath.percentile($0.sorted(), 50).map { Double($0) / 1000 } ?? 0
        }
        growthPerPositionMicros = PercentileMath.slope(medianByPositionMicros)
        let first = medianByPositionMicros.first ?? 0
        growthRatio = first > 0 && depth > 1 ? growthPerPositionMicros / first : 0
        perCommand = Self.stats(samples)
        problems = Array(Set(samples.problems)).sorted()
    }

    private static func stats(_ samples: PipelineSessionSamples) -> [CommandStats] {
        let names = Set(samples.byCommand.keys).union(samples.errorsByCommand.keys).union(samples.lostByCommand.keys)
        var rows = names.sorted().map { name in
            row(
                name, samples.byCommand[name] ?? [], errors: samples.errorsByCommand[name] ?? 0,
                lost: samples.lostByCommand[name] ?? 0)
        }
        rows.append(row("ALL", samples.byCommand.values.flatMap { $0 }, errors: samples.errors, lost: samples.lost))
        return rows
    }

    private static func row(_ name: String, _ values: [UInt64], errors: Int, lost: Int) -> CommandStats {
        let sorted = values.sorted()
        return CommandStats(
            command: name, count: sorted.count + errors + lost,
            p50Micros: PercentileMath.percentile(sorted, 50).map { Double($0) / 1000 },
            p99Micros: PercentileMath.percentile(sorted, 99).map { Double($0) / 1000 },
            errors: errors, lost: lost)
    }

    public var all: CommandStats? { perCommand.last { $0.command == "ALL" } }
}
