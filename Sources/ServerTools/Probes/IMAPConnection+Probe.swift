import IMAPClient
import NIOCore

extension IMAPConnection {
    /// Whether the greeting was PREAUTH (no login needed); read on the connection's loop, where its state lives.
    func isPreauthenticated() async -> Bool {
        let greeting = try? await eventLoop.submit { self.greeting }.get()
        if case .preauth = greeting { return true }
        return false
    }

    /// The number of messages in the selected mailbox, read on the connection's loop.
    func selectedMessageCount() async -> Int? {
        try? await eventLoop.submit { Int(self.mailbox.exists) }.get()
    }
}
