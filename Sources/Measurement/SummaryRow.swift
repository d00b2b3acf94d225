/// One row of the run summary (summary.csv, run.json, the stdout table).
public struct SummaryRow: Codable, Sendable, Equatable {
    /// What the row measures; decides its label prefix in summary.csv.
    public enum Kind: String, Codable, Sendable {
        /// Response time of a command kind (label: "UID FETCH").
        case command
        /// Response time of a profile operation (label: "op:fetch-headers").
        case operation
        /// Service time of a command kind (label: "UID FETCH.service").
        case service
        /// Send lag of a command kind (label: "UID FETCH.send_lag").
        case sendLag = "send_lag"
        /// Session phase duration over the whole run (label: "phase:login").
        case sessionPhase = "session_phase"
        /// All commands' response time during a non-measured run phase (label: "run:warmup").
        case runPhase = "run_phase"
        /// The generator's own health: hiccups ("generator:hiccup") and own send lag ("generator:send_lag").
        case generator
    }

    public var label: String
    public var kind: Kind
    /// An `Outcome` raw value, or "all" for every outcome together (timeouts included).
    public var outcome: String
    public var ratePerSecond: Double
    public var statistics: LatencyStatistics
    /// Values above the histogram range, not in `statistics`.
    public var outOfRange: UInt64
    /// Non-OK completions within this row (equals count for error outcomes; for "all", the sum).
    public var errors: UInt64
}
