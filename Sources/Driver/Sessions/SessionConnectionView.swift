import IMAPClient
import IMAPProtocol
import Workload

/// What `SessionStateMachine` may read of its connection: the pipelining rules and the mailbox
/// view the operation planner needs. Read in place, never copied; tests give a fake.
///
/// The pipeline depth is not here: the session machine counts its own commands and is the one
/// place the depth is enforced (the connection is opened with no limit of its own, see `Session`).
protocol SessionConnectionView: MailboxFacts {
    /// The connection can still carry commands (not closed, no BYE or LOGOUT seen).
    var isUsable: Bool { get }
    /// A barrier (SELECT, LOGIN, IDLE...) is in flight: nothing goes out beside it.
    var barrierInFlight: Bool { get }
    /// The capabilities the server advertises now (they may change at login).
    var capabilities: Set<String> { get }
    /// Whether `command` may be written now under RFC 3501 §5.5 ordering.
    func canSendNow(_ command: Command) -> Bool
}

/// The live connection seen by the session machine, with the hierarchy delimiter the session's
/// loop learned from LIST (the planner in Workload knows nothing of connections).
struct LiveConnectionView: SessionConnectionView {
    let connection: IMAPConnection
    let delimiter: Character?

    var isUsable: Bool { connection.state != .closed && connection.state != .loggedOut }
    var barrierInFlight: Bool { connection.barrierInFlight }
    var capabilities: Set<String> { connection.capabilities }
    func canSendNow(_ command: Command) -> Bool { connection.canSendNow(command) }

    var selectedMailbox: String? { connection.selectedMailboxName }
    var exists: UInt32 { connection.mailboxExists }
    func uid(atSequence sequence: UInt32) -> UInt32? { connection.uid(atSequence: sequence) }
    var hierarchyDelimiter: Character? { delimiter }
}
