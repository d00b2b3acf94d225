/// A state a timeout-probe session is left silent in (RFC 3501 §3), plus the keep-alive check.
public enum TimeoutProbeState: String, CaseIterable, Sendable, Codable, Hashable {
    /// Connected and greeted, never logged in.
    case notAuthenticated = "not-authenticated"
    /// Logged in, no mailbox selected.
    case authenticated
    /// A mailbox selected.
    case selected
    /// Inside IDLE (RFC 2177), which clients re-issue every 29 minutes.
    case idle
    /// Selected, sending NOOP every keep-alive interval: does that keep the session alive?
    case keepAlive = "selected-noop"

    /// Whether RFC 3501 §5.4's "at least 30 minutes" applies to this state.
    public var isAuthenticatedState: Bool {
        self == .authenticated || self == .selected || self == .idle
    }
}

/// How one probe session ended.
public struct TimeoutFinding: Sendable, Codable, Hashable {
    public enum Outcome: String, Sendable, Codable, Hashable {
        /// The server sent an untagged BYE and closed.
        case bye
        /// The server closed the connection without a BYE.
        case close
        /// Still alive when the probe stopped waiting.
        case alive
        /// The session never reached its state (connect or login failed...).
        case error
    }

    public var state: TimeoutProbeState
    public var outcome: Outcome
    /// Seconds from entering the state (last client activity for silent states) to the end.
    public var elapsedSeconds: Double
    /// The BYE text, the error, or why the probe stopped waiting.
    public var detail: String

    public init(state: TimeoutProbeState, outcome: Outcome, elapsedSeconds: Double, detail: String) {
        self.state = state
        self.outcome = outcome
        self.elapsedSeconds = elapsedSeconds
        self.detail = detail
    }

    /// Whether the server ended the session by itself (a timer fired).
    public var serverEnded: Bool { outcome == .bye || outcome == .close }
}
