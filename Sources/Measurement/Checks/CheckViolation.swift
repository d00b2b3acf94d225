import Foundation

/// One time the server contradicted itself, with what is needed to find it in a server's log.
public struct CheckViolation: Codable, Sendable, Hashable {
    public var id: CheckID
    public var severity: CheckSeverity
    /// Seconds since the run started.
    public var time: Double
    public var user: String
    public var mailbox: String
    /// The session index (the `session` of the protocol log).
    public var session: Int
    /// The tag of the command in progress when it was seen ("" when none).
    public var tag: String
    public var expected: String
    public var observed: String
    /// The last lines of that session's exchange, oldest first, passwords redacted.
    public var exchange: [String]

    public init(
        id: CheckID, severity: CheckSeverity, time: Double, user: String, mailbox: String, session: Int, tag: String,
        expected: String, observed: String, exchange: [String]
    ) {
        self.id = id
        self.severity = severity
        self.time = time
        self.user = user
        self.mailbox = mailbox
        self.session = session
        self.tag = tag
        self.expected = expected
        self.observed = observed
        self.exchange = exchange
    }
}
