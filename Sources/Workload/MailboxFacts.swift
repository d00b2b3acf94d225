import IMAPProtocol

/// What a session knows about its mailbox, as the driver's client sees it; the planner reads
/// these to choose message numbers that exist.
public protocol MailboxFacts {
    /// The selected (or examined) mailbox; nil in the authenticated state.
    var selectedMailbox: String? { get }
    /// The message count from the last EXISTS.
    var exists: UInt32 { get }
    /// The UID of the message with that sequence number, when the client knows it.
    func uid(atSequence: UInt32) -> UInt32?
    /// The hierarchy delimiter from LIST; nil when unknown or the server has a flat namespace.
    var hierarchyDelimiter: Character? { get }
}

/// What the driver should do for one planned operation.
public enum PlannedStep: Sendable, Hashable {
    /// Send this command and wait for its completion.
    case send(Command)
    /// Send IDLE, hold it for `duration` (or until new mail if `endOnNewMail`), then DONE.
    case idle(duration: Duration, endOnNewMail: Bool)
    /// A checkpoint: quiesce the user's sessions, sync each with `sync`, compare their views.
    case checkpoint(sync: Command)
    /// Send nothing; count the skip under the operation's name with this reason.
    case skip(reason: String)
}

/// Mailbox facts as plain values, for tests and for sessions that track nothing else.
public struct MailboxSnapshot: MailboxFacts, Sendable, Hashable {
    public var selectedMailbox: String?
    public var exists: UInt32
    /// UIDs by sequence number (index 0 is message 1); empty when unknown.
    public var uids: [UInt32]
    public var hierarchyDelimiter: Character?

    public init(
        selectedMailbox: String? = "INBOX", exists: UInt32 = 0, uids: [UInt32] = [],
        hierarchyDelimiter: Character? = "/"
    ) {
        self.selectedMailbox = selectedMailbox
        self.exists = exists
        self.uids = uids
        self.hierarchyDelimiter = hierarchyDelimiter
    }

    public func uid(atSequence sequence: UInt32) -> UInt32? {
        guard sequence >= 1, Int(sequence) <= uids.count else { return nil }
        return uids[Int(sequence) - 1]
    }
}
