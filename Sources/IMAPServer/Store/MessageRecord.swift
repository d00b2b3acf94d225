/// One message in one mailbox: its UID, mutable flags, internal date and shared content.
struct MessageRecord: Sendable {
    var uid: UInt32
    var flags: MessageFlags
    /// Seconds since 1970 (UTC).
    var internalDate: Int64
    var content: MessageContent
}

/// A change to a mailbox that sessions with it selected must learn about (RFC 3501 §7.3, §7.4).
enum MailboxEvent: Sendable {
    case appended(uid: UInt32)
    case expunged(uid: UInt32)
    /// `origin` is the session that changed the flags; it reported them itself.
    case flagsChanged(uid: UInt32, origin: Int)
}

/// Something to poke when a mailbox changes: a session in IDLE, on its own event loop.
struct MailboxObserver: Sendable {
    var notify: @Sendable () -> Void
}
