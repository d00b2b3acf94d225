/// Whether this process may open enough files for the sessions asked, known before the run:
/// sessions beyond the limit fail to connect (EMFILE), and a run that quietly held 239 of 1,000
/// sessions once reported "errors 0.000%" and exited 0.
///
/// Each session holds one socket, two when the embedded server runs in the same process (its end
/// of the connection); every event-loop thread holds a few descriptors of its own (SwiftNIO on
/// Linux: epoll, eventfd, timerfd); a reserve covers stdio, the run's files, TLS and the resolver.
public struct OpenFileBudget: Sendable, Equatable {
    /// Descriptors beyond the sessions and event loops.
    public static let reserve = 64
    /// Descriptors per event-loop thread, rounded up.
    public static let perThread = 4

    public var sessions: Int
    /// Descriptors per session: its socket, and the server's end with the embedded server.
    public var perSession: Int
    /// Descriptors whatever the session count: the event loops and the reserve.
    public var fixed: Int
    /// The soft limit this process runs with (after raising it to the hard limit).
    public var limit: Int
    /// The hard limit, which only a privileged process can raise.
    public var hardLimit: Int

    /// `threads`: event-loop threads of the generator and, when embedded, of the server.
    public init(sessions: Int, embeddedServer: Bool, threads: Int, limit: Int, hardLimit: Int) {
        self.sessions = sessions
        perSession = embeddedServer ? 2 : 1
        fixed = threads * Self.perThread + Self.reserve
        self.limit = limit
        self.hardLimit = hardLimit
    }

    /// Open files the run needs at most.
    public var needed: Int { sessions * perSession + fixed }

    /// Sessions that fit in the limit with the reserve kept free (at least 1): a run allowed to go
    /// ahead below the limit holds no more, because a process out of descriptors fails anywhere
    /// (libdispatch's thread-pool monitor crashes the process when it cannot read /proc).
    public var affordableSessions: Int { isEnough ? sessions : max(1, (limit - fixed) / perSession) }

    /// Raises the soft limit to the hard limit first: what remains too low needs the user.
    public static func raisingLimit(sessions: Int, embeddedServer: Bool, threads: Int) -> OpenFileBudget {
        ProcessStats.raiseOpenFileLimit()
        let limits = ProcessStats.openFileLimits()
        return OpenFileBudget(
            sessions: sessions, embeddedServer: embeddedServer, threads: threads,
            limit: limits.soft, hardLimit: limits.hard)
    }

    /// True when the limit is high enough, or unknown (0: the platform would not say).
    public var isEnough: Bool { limit <= 0 || limit >= needed }

    /// What is wrong and what to do about it; nil when the limit is high enough.
    public var problem: String? {
        guard !isEnough else { return nil }
        let raise = Self.suggestedLimit(needed)
        return "\(sessions) sessions need about \(needed) open files, but this process may open only \(limit) "
            + "(hard limit \(hardLimit)). Raise the limit before the run "
            + "(`ulimit -n \(raise)` in this shell; above the hard limit as root, in /etc/security/limits.conf, "
            + "or LimitNOFILE=\(raise) for a systemd service), or run fewer sessions"
    }

    /// The next power of two at or above `needed`: a round number with room to spare.
    static func suggestedLimit(_ needed: Int) -> Int {
        var value = 1024
        while value < needed { value *= 2 }
        return value
    }
}
