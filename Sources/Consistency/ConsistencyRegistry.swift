import Measurement

/// The consistency model of one event loop: every mailbox of every user whose sessions live on
/// that loop (the driver places all sessions of a user on one loop), and the violations found.
///
/// Everything here is touched only from its loop: the per-command path takes no lock.
public final class ConsistencyRegistry {
    private let severities: [CheckID: CheckSeverity]
    /// Seconds since the run started, for the violation's time.
    private let clock: () -> Double
    private var mailboxes: [String: [String: MailboxModel]] = [:]
    /// Mailbox names a session of the user created, deleted or renamed: their UIDVALIDITY may
    /// rightly change, so they are not modelled.
    private var volatileNames: [String: Set<String>] = [:]
    public internal(set) var tally: CheckTally
    private var nextConnection = 0
    /// Every live connection of each user, by connection number: a checkpoint quiesces them all.
    var connections: [String: [Int: SessionChecker]] = [:]
    /// The checkpoint running for each user, if any.
    var rounds: [String: CheckpointRound] = [:]
    /// Runs a closure after some seconds on this registry's loop (a checkpoint's timeout).
    let schedule: ((Double, @escaping () -> Void) -> Void)?

    /// `severities`: the checks that run (see `CheckSettings.severities`). `schedule`: runs a
    /// closure after some seconds on the registry's loop; without it a checkpoint never times out.
    public init(
        severities: [CheckID: CheckSeverity], clock: @escaping () -> Double,
        schedule: ((Double, @escaping () -> Void) -> Void)? = nil
    ) {
        self.severities = severities
        self.clock = clock
        self.schedule = schedule
        tally = CheckTally(severities: severities)
    }

    /// A checker for one new connection of `user`'s session `session`; `participant` is told of
    /// checkpoints (one running now includes this connection at once).
    public func checker(user: String, session: Int, participant: CheckpointParticipant? = nil) -> SessionChecker {
        nextConnection += 1
        let checker = SessionChecker(registry: self, user: user, session: session, connection: nextConnection)
        checker.participant = participant
        register(checker)
        return checker
    }

    /// The tally so far, and a fresh one from now on.
    public func takeTally() -> CheckTally {
        defer { tally = CheckTally(severities: severities) }
        return tally
    }

    func isOn(_ id: CheckID) -> Bool { severities[id] != nil }

    /// The shared model of `user`'s mailbox `name`; nil for a mailbox the run itself creates,
    /// deletes or renames.
    func mailbox(user: String, name: String) -> MailboxModel? {
        let key = Self.normalized(name)
        if volatileNames[user]?.contains(key) == true { return nil }
        if let model = mailboxes[user]?[key] { return model }
        let model = MailboxModel(name: name)
        mailboxes[user, default: [:]][key] = model
        return model
    }

    func makeVolatile(user: String, name: String) {
        let key = Self.normalized(name)
        volatileNames[user, default: []].insert(key)
        mailboxes[user]?[key] = nil
    }

    func noteObserved() { tally.observed &+= 1 }

    func record(
        _ id: CheckID, user: String, mailbox: String, session: Int, tag: String, expected: String, observed: String,
        exchange: [String]
    ) {
        guard let severity = severities[id] else { return }
        tally.record(
            CheckViolation(
                id: id, severity: severity, time: clock(), user: user, mailbox: mailbox, session: session, tag: tag,
                expected: expected, observed: observed, exchange: exchange))
    }

    /// INBOX is case-insensitive (RFC 3501 §5.1); other names are as written.
    static func normalized(_ name: String) -> String {
        name.uppercased() == "INBOX" ? "INBOX" : name
    }
}
