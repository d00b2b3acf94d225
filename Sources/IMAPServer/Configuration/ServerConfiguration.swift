import NIOCore

/// Everything that shapes one embedded server: where it listens, who can log in, what the
/// mailboxes hold, and which delays, stalls and faults it injects.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks an ephemeral port.
    public var port = 0
    /// Implicit-TLS listener; 0 = ephemeral; `nil` = off.
    public var tlsPort: Int? = nil
    /// Users are `user1` ... `userN`.
    public var users = 100
    public var password = "pass"
    /// Messages in INBOX; the other folders hold a fifth of that each.
    public var messagesPerMailbox = 50
    public var folders = ["Sent", "Drafts", "Archive", "Trash"]
    public var seed: UInt64 = 1
    public var threads = System.coreCount
    public var delays: [DelaySpec] = []
    /// Default: no timers.
    public var autologout = AutologoutSpec()
    public var faults: [FaultSpec] = []
    public var stalls: [StallSpec] = []
    /// One command at a time per connection (the next waits for the previous tagged response)
    /// instead of executing pipelined commands as they arrive.
    public var serialProcessing = false
    /// Offer STARTTLS on the plain port when a certificate could be generated.
    public var startTLS = true

    public init() {}
}
