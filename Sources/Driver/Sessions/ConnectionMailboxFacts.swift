import IMAPProtocol
import Workload

/// Shows the client's mailbox view to the operation planner, which lives in Workload and knows
/// nothing of connections.
struct ConnectionMailboxFacts: MailboxFacts {
    let view: MailboxView
    let delimiter: Character?

    var selectedMailbox: String? { view.name }
    var exists: UInt32 { view.exists }
    func uid(atSequence sequence: UInt32) -> UInt32? { view.uid(atSequence: sequence) }
    var hierarchyDelimiter: Character? { delimiter }
}
