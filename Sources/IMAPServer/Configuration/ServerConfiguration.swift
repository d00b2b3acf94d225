import NIOCore

/// Everything that shapes one embedded server: where it listens, who can log in, what the
/// mailboxes hold, and which delays, stalls and faults it injects.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks an ephemeral port.
    public var port = 0
    /// Implicit-TLS listener; 0 = ephemeral; `nil` = off.
    public var tlsPort: Int? = nil
    /// Connections the kernel queues before `accept`. A login storm of tens of thousands of
    /// sessions overflowed the old 1024 (connects waited seconds for SYN retries). Linux clamps the
    /// value to `net.core.somaxconn` (4096 on many systems): raise that sysctl for bigger storms.
    public var listenBacklog = ServerConfiguration.defaultListenBacklog
    /// The largest backlog `listen(2)` takes on Linux and macOS; the kernel lowers it to its limit.
    public static let defaultListenBacklog: Int32 = 65535
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
    /// Capabilities left out of every CAPABILITY list (upper-case), to imitate a server without
    /// them: Courier has no ID, GNU imap4d no ENABLE. The commands still work.
    public var withheldCapabilities: Set<String> = []
    /// Busy-wait the last `preciseDelayWindow` of every injected delay instead of sleeping through it.
    ///
    /// A sleeping event loop wakes late: 30 us on a quiet machine, 100-200 us on the VMs imapbench
    /// is developed on (their idle vCPUs halt). Spinning ends a 5 ms delay within a few
    /// microseconds of its target, at the price of up to one window of CPU per delayed command:
    /// meant for checking a client's latency accuracy at modest rates, not for load targets.
    public var preciseDelays = false
    public var preciseDelayWindow: TimeAmount = .microseconds(300)
    /// Loops to serve on instead of starting `threads` of its own; the caller keeps and shuts them
    /// down. A client on the same single loop reaches the server with no thread wake-up between them.
    public var eventLoopGroup: EventLoopGroup? = nil

    public init() {}
}
