import IMAPProtocol
import NIOCore

/// One command as the server understands it, after the tag.
///
///     C: a1 UID FETCH 1:* (FLAGS)  ->  .fetch(1:*, [.flags], uid: true)
enum ServerCommand {
    case capability
    case noop
    case logout
    case startTLS
    case login(user: String, password: String)
    /// `AUTHENTICATE mechanism [initial-response]` (RFC 4959 SASL-IR).
    case authenticate(mechanism: String, initialResponse: String?)
    case enable([String])
    case id
    case namespace
    case select(mailbox: String, readOnly: Bool)
    case create(mailbox: String)
    case delete(mailbox: String)
    case rename(from: String, to: String)
    case subscribe(mailbox: String, subscribed: Bool)
    case list(reference: String, pattern: String, subscribedOnly: Bool)
    case status(mailbox: String, items: [String])
    case append(mailbox: String, flags: [String], internalDate: Int64?, message: ByteBuffer)
    case check
    case close
    case unselect
    case expunge(uids: MessageSet?)
    case search(SearchKey, uid: Bool)
    case fetch(MessageSet, [FetchRequestItem], uid: Bool)
    case store(MessageSet, StoreOperation, flags: [String], silent: Bool, uid: Bool)
    case copy(MessageSet, mailbox: String, uid: Bool, move: Bool)
    case idle
}

/// A command with its tag and the name used to pick delays (`FETCH` for `UID FETCH` too).
struct TaggedCommand {
    var tag: String
    var name: String
    var command: ServerCommand
}
