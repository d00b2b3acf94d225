import IMAPProtocol

/// Turns the next operation of a session's mix into the command to send, using what the
/// session knows of its mailbox, so that no command names a message that does not exist.
///
/// One planner per session, kept across reconnects (it remembers the mailboxes it created).
/// It does no I/O and takes no locks; all randomness comes from the session's generator.
public struct OperationPlanner {
    /// The profile's `connection.mailbox`: all the planner reads of its profile. Kept alone, not
    /// the whole `Profile`: the planner lives inside every session, and a `Profile` stored inline
    /// is several hundred bytes, once per session (19,000 sessions parked in IDLE held 19,000 copies).
    public let defaultMailbox: String
    public let user: String
    /// The session number, part of the names of mailboxes this session creates.
    public let session: Int
    /// Set by the driver to a per-run token so mailboxes left by an earlier run never collide.
    public let runTag: String
    var counter: UInt64 = 0
    var createdMailboxes: [String] = []
    /// Made by the first APPEND: some 100 bytes a session that never appends would hold. An array
    /// of at most one, for a lazily made value that is still copied with the planner (a class box
    /// would be shared between copies).
    var synthesizer: [MessageSynthesizer] = []

    public init(profile: Profile, user: String, session: Int = 0, runTag: String = "") {
        self.defaultMailbox = profile.connection.mailbox
        self.user = user
        self.session = session
        self.runTag = runTag
    }

    /// Why operations are skipped; fixed texts so a skip allocates nothing.
    public enum SkipReason {
        public static let noMailboxSelected = "no mailbox is selected"
        public static let mailboxEmpty = "the mailbox is empty"
        public static let nothingCreated = "this session has created no mailbox to act on"
    }

    /// The step for `operation`.
    public mutating func plan(
        _ operation: borrowing ProfileOperation, facts: some MailboxFacts, using rng: inout SeededRandom
    ) -> PlannedStep {
        counter &+= 1
        if operation.type.needsSelectedMailbox && facts.selectedMailbox == nil {
            return .skip(reason: SkipReason.noMailboxSelected)
        }
        if operation.type.needsMessages && facts.exists == 0 {
            return .skip(reason: SkipReason.mailboxEmpty)
        }
        switch operation.type {
        case .fetch, .fetchBody, .store, .copy, .move:
            return planMessageCommand(operation, facts: facts, using: &rng)
        case .search: return .send(.search(criteria: operation.criteria ?? "ALL", uid: false))
        case .uidSearch: return .send(.search(criteria: operation.criteria ?? "ALL", uid: true))
        case .status:
            return .send(.status(mailbox: operation.mailbox ?? defaultMailbox, items: operation.statusItems))
        case .list: return .send(.list(reference: operation.reference ?? "", pattern: operation.pattern ?? "*"))
        case .select: return .send(.select(mailbox: operation.mailbox ?? "INBOX"))
        case .examine: return .send(.examine(mailbox: operation.mailbox ?? "INBOX"))
        case .append: return planAppend(operation, using: &rng)
        case .expunge: return .send(.expunge)
        case .noop: return .send(.noop)
        case .check: return .send(.check)
        case .logout: return .send(.logout)
        case .idle:
            return .idle(
                duration: operation.duration?.duration ?? .seconds(30), endOnNewMail: operation.endOnNewMail ?? true)
        case .create, .delete, .rename: return planMailboxChange(operation, facts: facts, using: &rng)
        case .raw: return planRaw(operation, facts: facts, using: &rng)
        case .checkpoint: return .checkpoint(sync: (operation.sync ?? .noop).command)
        }
    }

    private mutating func planAppend(
        _ operation: borrowing ProfileOperation, using rng: inout SeededRandom
    ) -> PlannedStep {
        let size = (operation.size ?? SizeDistribution()).sample(using: &rng)
        if synthesizer.isEmpty {
            synthesizer = [MessageSynthesizer(seed: UInt64(truncatingIfNeeded: session), sizes: SizeDistribution())]
        }
        let message = synthesizer[0].message(size: size, using: &rng)
        let mailbox = operation.mailbox ?? defaultMailbox
        return .send(.append(mailbox: mailbox, flags: operation.flags ?? [], date: nil, message: message))
    }
}
