import NIOConcurrencyHelpers

/// All users of one server. Accounts are created on first login, so start-up cost does not
/// grow with the number of users, and filled deterministically from the seed.
final class MailStore: Sendable {
    let configuration: ServerConfiguration
    let library: SyntheticMessageLibrary
    private let accounts = NIOLockedValueBox<[Int: UserAccount]>([:])

    init(configuration: ServerConfiguration) {
        self.configuration = configuration
        library = SyntheticMessageLibrary(seed: configuration.seed)
    }

    /// The account for `user` when the password matches, created on first use.
    func authenticate(user: String, password: String) -> UserAccount? {
        guard password == configuration.password, let number = userNumber(user) else { return nil }
        return accounts.withLockedValue { accounts in
            if let existing = accounts[number] { return existing }
            let account = makeAccount(number)
            accounts[number] = account
            return account
        }
    }

    /// `user17` -> 17 when it is within the configured users.
    private func userNumber(_ user: String) -> Int? {
        guard user.lowercased().hasPrefix("user"), let number = Int(user.dropFirst(4)),
            (1...max(1, configuration.users)).contains(number)
        else { return nil }
        return number
    }

    private func makeAccount(_ number: Int) -> UserAccount {
        let seed = configuration.seed
        let account = UserAccount(
            name: "user\(number)", firstUIDValidity: UInt32(truncatingIfNeeded: seed % 1_000_000) + 1_000)
        let names = ["INBOX"] + configuration.folders
        account.withLock {
            for (mailboxIndex, name) in names.enumerated() {
                guard let mailbox = account.createMailbox(name) else { continue }
                let count = mailboxIndex == 0 ? configuration.messagesPerMailbox : configuration.messagesPerMailbox / 5
                for messageIndex in 0..<count {
                    let hash = DeterministicRandom.hash(
                        seed, UInt64(number), UInt64(mailboxIndex), UInt64(messageIndex))
                    let content = library.content(user: number, mailbox: mailboxIndex, number: messageIndex, seed: seed)
                    mailbox.populate(
                        content: content, flags: Self.initialFlags(hash),
                        internalDate: Self.initialDate(hash, index: messageIndex, count: count))
                }
                mailbox.recentFloor = mailbox.uidNext
            }
        }
        return account
    }

    /// About 70% seen, 10% flagged, 20% answered, none deleted.
    private static func initialFlags(_ hash: UInt64) -> MessageFlags {
        var flags = MessageFlags()
        if hash % 10 < 7 { flags.system |= MessageFlags.seen }
        if (hash >> 8) % 10 == 0 { flags.system |= MessageFlags.flagged }
        if (hash >> 16) % 5 == 0 { flags.system |= MessageFlags.answered }
        return flags
    }

    /// Dates rise with the message index over 2024, as in a real mailbox.
    private static func initialDate(_ hash: UInt64, index: Int, count: Int) -> Int64 {
        let start: Int64 = 1_704_067_200
        let step = Int64(365 * 86400) / Int64(max(count, 1))
        return start + Int64(index) * step + Int64(hash % UInt64(max(step, 1)))
    }
}
