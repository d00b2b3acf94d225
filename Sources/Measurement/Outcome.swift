/// How a command ended. Every outcome is data: errors and timeouts stay in the statistics.
public enum Outcome: String, Codable, Sendable, CaseIterable, Comparable {
    case ok, no, bad, bye, disconnected, timeout
    case protocolError = "protocol_error"
    /// Sent but never answered: still in flight when the run ended, or when the session gave up on
    /// its connection (another command on it timed out). Its time runs from its due time to the end
    /// of the window it was due in, a lower bound; without it such commands would vanish unseen.
    case unanswered

    /// True for the tagged OK completion; everything else counts as an error.
    public var isSuccess: Bool { self == .ok }

    public static func < (lhs: Outcome, rhs: Outcome) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The steps of opening a session, each measured as its own row.
public enum SessionPhase: String, Codable, Sendable, CaseIterable {
    case connect
    case tlsHandshake = "tls_handshake"
    case greeting
    case startTLS = "starttls"
    case login
    case select
}

/// The load phase an interval belongs to; only `hold` is the measured window by default.
public enum RunPhase: String, Codable, Sendable, CaseIterable {
    case warmup
    case rampUp = "ramp_up"
    case hold
    /// The profile's own ramp-down: load falls linearly to zero.
    case rampDown = "ramp_down"
    /// After the plan (or a stop): commands in flight complete and sessions log out. Not load, and
    /// not the ramp-down, which a profile may not have.
    case drain
}

/// Which time a histogram holds.
public enum Metric: String, Codable, Sendable, CaseIterable, Comparable {
    /// Intended (open model) or due (closed model) send time to tagged completion.
    case response
    /// First byte written to tagged completion: what a closed-loop tool would report.
    case service
    /// Intended send time to first byte written: the generator's own delay.
    case sendLag = "send_lag"
    /// Duration of a session phase (connect, login...).
    case duration
    /// How late a 1 ms timer woke on an event loop.
    case hiccup

    public static func < (lhs: Metric, rhs: Metric) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
