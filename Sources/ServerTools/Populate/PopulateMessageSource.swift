import Foundation

/// One message to APPEND, with the flags and internal date it is stored with.
public struct PopulateMessage: Sendable {
    public var bytes: [UInt8]
    public var flags: [String]
    /// An IMAP date-time (`17-Jul-2024 09:30:00 +0000`) or nil for "now".
    public var internalDate: String?

    public init(bytes: [UInt8], flags: [String], internalDate: String?) {
        self.bytes = bytes
        self.flags = flags
        self.internalDate = internalDate
    }
}

/// Where populated messages come from: synthesized, or taken in turn from an mbox file.
/// Shared by every user's task, so implementations are safe to call from any thread.
public protocol PopulateMessageSource: Sendable {
    /// The message for `user` at `ordinal` (its position in `mailbox`), for reproducible synthesis.
    func nextMessage(user: String, mailbox: String, ordinal: Int) throws -> PopulateMessage
}
