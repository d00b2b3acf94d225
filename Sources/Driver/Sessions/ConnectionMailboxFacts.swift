import IMAPClient
import IMAPProtocol
import Workload

/// Shows the client's mailbox view to the operation planner, which lives in Workload and knows
/// nothing of connections.
struct ConnectionMailboxFacts: MailboxFacts {
    /// The connection, not a copy of its mailbox view: the view is read in place.
    let connection: IMAPConnection
    let delimiter: Character?

    var selectedMailbox: String? { connection.selectedMailboxName }
    var exists: UInt32 { connection.mailboxExists }
    func uid(atSequence sequence: UInt32) -> UInt32? { connection.uid(atSequence: sequence) }
    var hierarchyDelimiter: Character? { delimiter }
}
