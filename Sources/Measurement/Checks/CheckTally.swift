/// What the consistency checks found in a run: exact counts per check, and the first violations
/// in full (a broken server can contradict itself a million times; the first ones say why).
///
/// Tallies of loops and of shards add (`merge`); the kept violations stay in time order.
public struct CheckTally: Codable, Sendable, Hashable {
    /// How long a checkpoint waits for its sessions to get quiet and report before it is given up
    /// (counted in `checkpointsAbandoned`, never compared half-done).
    public static let checkpointTimeout = 10.0

    /// How many violations are kept in full per run.
    public static let keptLimit = 1000

    /// Violations per check, including those not kept in full.
    public var counts: [CheckID: UInt64] = [:]
    /// The severity each check ran with (`off` checks are absent).
    public var severities: [CheckID: CheckSeverity] = [:]
    /// The first `keptLimit` violations, in time order.
    public var violations: [CheckViolation] = []
    /// How many responses and completions the checks looked at.
    public var observed: UInt64 = 0
    /// Checkpoints that compared the sessions of a user (see `CheckpointRound`), and those given
    /// up because a session did not get quiet in time: a checkpoint never compares a guess.
    public var checkpoints: UInt64 = 0
    public var checkpointsAbandoned: UInt64 = 0

    public init(severities: [CheckID: CheckSeverity] = [:]) {
        self.severities = severities
    }

    enum CodingKeys: String, CodingKey {
        case counts, severities, violations, observed, checkpoints
        case checkpointsAbandoned = "checkpoints_abandoned"
    }

    /// run.json files written before checkpoints existed still load.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        counts = try container.decode([CheckID: UInt64].self, forKey: .counts)
        severities = try container.decode([CheckID: CheckSeverity].self, forKey: .severities)
        violations = try container.decode([CheckViolation].self, forKey: .violations)
        observed = try container.decode(UInt64.self, forKey: .observed)
        checkpoints = try container.decodeIfPresent(UInt64.self, forKey: .checkpoints) ?? 0
        checkpointsAbandoned = try container.decodeIfPresent(UInt64.self, forKey: .checkpointsAbandoned) ?? 0
    }

    public mutating func record(_ violation: CheckViolation) {
        counts[violation.id, default: 0] += 1
        if violations.count < Self.keptLimit { violations.append(violation) }
    }

    public mutating func merge(_ other: CheckTally) {
        for (id, count) in other.counts { counts[id, default: 0] += count }
        for (id, severity) in other.severities { severities[id] = severity }
        violations = Array((violations + other.violations).sorted { $0.time < $1.time }.prefix(Self.keptLimit))
        observed += other.observed
        checkpoints += other.checkpoints
        checkpointsAbandoned += other.checkpointsAbandoned
    }

    /// Violations of checks whose severity is `error`: what `checks.violations` counts.
    public var errorCount: UInt64 { count(of: .error) }
    /// Violations of checks whose severity is `warning`: what `checks.warnings` counts.
    public var warningCount: UInt64 { count(of: .warning) }

    private func count(of severity: CheckSeverity) -> UInt64 {
        counts.reduce(0) { $0 + ((severities[$1.key] ?? $1.key.defaultSeverity) == severity ? $1.value : 0) }
    }
}
