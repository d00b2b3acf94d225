import IMAPClient
import IMAPProtocol
import Workload

/// Shows the client's mailbox view to the operation planner, which lives in Workload and knows
/// nothing of connections. Public for ServerTools: the pipeline probe draws its commands with it.
public struct ConnectionMailboxFacts: MailboxFacts {
    /// The connection, not a copy of its mailbox view: the view is read in place.
    let connection: IMAPConnection
    let delimiter: Character?

    public init(connection: IMAPConnection, delimiter: Character?) {
        self.connection = connection
        self.delimiter = delimiter
    }

    public var selectedMailbox: String? { connection.selectedMailboxName }
    public var exists: UInt32 { connection.mailboxExists }
    public func uid(atSequence sequence: UInt32) -> UInt32? { connection.uid(atSequence: sequence) }
    public var hierarchyDelimiter: Character? { delimiter }
}
