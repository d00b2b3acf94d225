/// What one session measured during one depth step; merged across sessions afterwards.
struct PipelineSessionSamples: Sendable {
    /// Latency from the burst's start of the k-th command in send order, nanoseconds.
    var byPosition: [[UInt64]]
    /// Latency from the burst's start per command name.
    var byCommand: [String: [UInt64]] = [:]
    var errorsByCommand: [String: Int] = [:]
    var lostByCommand: [String: Int] = [:]
    var bursts = 0
    var outOfOrderBursts = 0
    var commands = 0
    /// Commands of the mix left out because they must run alone (SELECT, LOGOUT...).
    var skippedBarriers = 0
    /// Nanoseconds after the measured window opened at which the last measured command completed.
    var lastCompletionNanos: UInt64 = 0
    /// Why the session ended early, if it did.
    var problems: [String] = []

    init(depth: Int) {
        byPosition = Array(repeating: [], count: depth)
    }

    mutating func merge(_ other: PipelineSessionSamples) {
        for index in byPosition.indices where index < other.byPosition.count {
            byPosition[index].append(contentsOf: other.byPosition[index])
        }
        byCommand.merge(other.byCommand) { $0 + $1 }
        errorsByCommand.merge(other.errorsByCommand) { $0 + $1 }
        lostByCommand.merge(other.lostByCommand) { $0 + $1 }
        bursts += other.bursts
        outOfOrderBursts += other.outOfOrderBursts
        commands += other.commands
        skippedBarriers += other.skippedBarriers
        lastCompletionNanos = max(lastCompletionNanos, other.lastCompletionNanos)
        problems += other.problems
    }

    var lost: Int { lostByCommand.values.reduce(0, +) }
    var errors: Int { errorsByCommand.values.reduce(0, +) }
}
