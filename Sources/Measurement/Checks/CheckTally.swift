/// What the consistency checks found in a run: exact counts per check, and the first violations
/// in full (a broken server can contradict itself a million times; the first ones say why).
///
/// Tallies of loops and of shards add (`merge`); the kept violations stay in time order.
public struct CheckTally: Codable, Sendable, Hashable {
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

    public init(severities: [CheckID: CheckSeverity] = [:]) {
        self.severities = severities
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
    }

    /// Violations of checks whose severity is `error`: what `checks.violations` counts.
    public var errorCount: UInt64 { count(of: .error) }
    /// Violations of checks whose severity is `warning`: what `checks.warnings` counts.
    public var warningCount: UInt64 { count(of: .warning) }

    private func count(of severity: CheckSeverity) -> UInt64 {
        counts.reduce(0) { $0 + ((severities[$1.key] ?? $1.key.defaultSeverity) == severity ? $1.value : 0) }
    }
}
