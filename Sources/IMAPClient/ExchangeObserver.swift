import IMAPProtocol

/// Sees one connection's exchange in the order the state machine handles it: the consistency
/// checks hang here. Set through `IMAPConnection.exchangeObserver`; with none set each hook is
/// one nil check, so a run without checks pays nothing.
///
/// Every call runs on the connection's event loop, inside the state machine's event handling:
/// an observer must not call back into the connection.
public protocol ExchangeObserver: AnyObject {
    /// `command` was written with `tag`; `mailbox` is the view after the write (a SELECT empties it).
    func written(tag: String, command: Command, mailbox: MailboxView)
    /// An untagged response arrived. `mailbox` is the view before the response is applied.
    /// `expungeAllowed` is false while only commands during which RFC 3501 §7.4.1 forbids
    /// EXPUNGE (FETCH, STORE, SEARCH by sequence number) are in progress.
    func received(_ response: UntaggedResponse, mailbox: MailboxView, expungeAllowed: Bool)
    /// The tagged completion of `command`; `mailbox` is the view after its codes and effects.
    func completed(tag: String, command: Command, state: ResponseState, mailbox: MailboxView)
}
