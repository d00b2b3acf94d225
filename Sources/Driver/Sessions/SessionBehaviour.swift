import IMAPProtocol
import Workload

/// How a session behaves between connect and LOGOUT, resolved from the profile and the
/// command line (which may override the pipeline depth).
public struct SessionBehaviour: Sendable {
    public var pipelineDepth: Int = 1
    public var enable: [String] = []
    /// ID fields to send after login; nil sends no ID.
    public var idFields: [IDField]? = nil
    /// Mailbox to SELECT (or EXAMINE) after login; nil stays authenticated.
    public var mailbox: String? = "INBOX"
    public var examine = false
    public var thinkTime: ThinkTime = .none
    /// After this many commands or seconds the session logs out and reconnects.
    public var lifetimeCommands: Int? = nil
    public var lifetimeSeconds: Double? = nil
    /// Probability that a session ends by dropping the connection instead of LOGOUT.
    public var abruptDisconnectProbability = 0.0
    /// Wait before reconnecting after a failed connect or login, growing with each failure.
    public var backoff = BackoffConfiguration()
    public var operations: [ProfileOperation] = []

    public init() {}

    /// The behaviour a profile describes.
    public init(profile: Profile) {
        pipelineDepth = profile.load.pipelineDepth
        enable = profile.connection.enable
        idFields = profile.connection.id.fields
        switch profile.connection.open {
        case .select: mailbox = profile.connection.mailbox
        case .examine:
            mailbox = profile.connection.mailbox
            examine = true
        case .none: mailbox = nil
        }
        thinkTime = profile.load.thinkTime
        lifetimeCommands = profile.session.maxCommands
        lifetimeSeconds = profile.session.maxTime?.seconds
        abruptDisconnectProbability = profile.session.abruptDisconnect
        backoff = profile.session.backoff
        operations = profile.operations
    }
}

/// A draw of Exp(1).
func unitExponential(using rng: inout SeededRandom) -> Double {
    Sampling.exponential(mean: 1, using: &rng)
}

extension Duration {
    /// Whole nanoseconds, for NIO time amounts.
    var nanosecondCount: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
