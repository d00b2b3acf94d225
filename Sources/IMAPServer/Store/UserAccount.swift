import NIOConcurrencyHelpers

/// The mailboxes of one user, shared by all of that user's sessions under one lock.
///
/// A per-user lock keeps sessions of different users from contending, while sessions of the
/// same user (on different event loops) see one consistent mailbox state.
final class UserAccount: @unchecked Sendable {
    let name: String
    private let lock = NIOLock()
    /// Keyed by `canonical(name)`.
    private var mailboxes: [String: Mailbox] = [:]
    private var nextUIDValidity: UInt32

    init(name: String, firstUIDValidity: UInt32) {
        self.name = name
        nextUIDValidity = firstUIDValidity
    }

    /// INBOX is case-insensitive (RFC 3501 §5.1); other names are kept as written.
    static func canonical(_ name: String) -> String {
        name.uppercased() == "INBOX" ? "INBOX" : name
    }

    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        try lock.withLock(body)
    }

    // The following are called with the lock held.

    func mailbox(named name: String) -> Mailbox? { mailboxes[Self.canonical(name)] }

    var allMailboxes: [Mailbox] { mailboxes.values.sorted { $0.name < $1.name } }

    @discardableResult
    func createMailbox(_ name: String) -> Mailbox? {
        let key = Self.canonical(name)
        guard mailboxes[key] == nil else { return nil }
        let mailbox = Mailbox(name: key, uidValidity: nextUIDValidity)
        nextUIDValidity += 1
        mailboxes[key] = mailbox
        return mailbox
    }

    func removeMailbox(_ name: String) -> Mailbox? {
        mailboxes.removeValue(forKey: Self.canonical(name))
    }

    func renameMailbox(_ mailbox: Mailbox, to newName: String) {
        mailboxes.removeValue(forKey: mailbox.name)
        mailbox.name = Self.canonical(newName)
        mailbox.uidValidity = nextUIDValidity
        nextUIDValidity += 1
        mailboxes[mailbox.name] = mailbox
    }
}
