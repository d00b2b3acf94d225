import IMAPClient
import IMAPProtocol
import Workload

/// Everything the driver needs for one run, resolved from a profile and the command line.
///
/// The driver never reads YAML or flags itself: the CLI builds this value (see
/// `RunPlan+Profile.swift`), which keeps the driver testable with plans made in code.
public struct RunPlan: Sendable {
    public enum LoadModel: Sendable, Hashable {
        /// N sessions, each sending when its pipeline has room and its think time has passed.
        case closed(sessions: Int)
        /// A target command rate spread over `sessions` connections, and/or new sessions per second.
        case open(sessions: Int, commandsPerSecond: Double, sessionsPerSecond: Double, spacing: Pacer.Spacing)
    }

    /// What to do when the open-model schedule cannot be kept.
    public enum LatePolicy: String, Sendable, Hashable {
        /// Keep every late command with its intended time (wrk2): latency grows, nothing is hidden.
        /// Beyond `maxLateCommands` due but unsent commands per session the oldest are dropped and counted.
        case keepThenDrop = "keep-then-drop"
    }

    public var profileName: String
    public var profile: Profile
    public var connection: IMAPClient.ConnectionConfiguration
    public var loginMethod: IMAPClient.LoginMethod
    public var users: [Credential]
    public var load: LoadModel
    public var phases: PhasePlan
    public var seed: UInt64
    public var threads: Int
    public var latePolicy: LatePolicy = .keepThenDrop
    public var maxLateCommands = 1_000
    /// Seconds between interval snapshots (1 s default).
    public var intervalSeconds = 1.0
    /// How long in-flight commands may take to drain after a stop request.
    public var drainSeconds = 5.0
    /// Makes a protocol logger for each new connection (`--protocol-log`); nil logs nothing.
    public var protocolLogFactory: (@Sendable () -> @Sendable (String) -> Void)?

    public init(
        profileName: String, profile: Profile, connection: IMAPClient.ConnectionConfiguration, loginMethod: IMAPClient.LoginMethod,
        users: [Credential], load: LoadModel, phases: PhasePlan, seed: UInt64, threads: Int
    ) {
        self.profileName = profileName
        self.profile = profile
        self.connection = connection
        self.loginMethod = loginMethod
        self.users = users
        self.load = load
        self.phases = phases
        self.seed = seed
        self.threads = threads
    }

    public var sessionCount: Int {
        switch load {
        case .closed(let n): return n
        case .open(let n, _, _, _): return n
        }
    }

    /// Holds at most `cap` sessions at once, fewer than asked (the open-file limit allows no more);
    /// an open-model command rate is then spread over the sessions that remain.
    public mutating func limitSessions(to cap: Int) {
        switch load {
        case .closed(let count):
            load = .closed(sessions: min(count, cap))
        case .open(let count, let commandRate, let sessionRate, let spacing):
            load = .open(sessions: min(count, cap), commandsPerSecond: commandRate, sessionsPerSecond: sessionRate, spacing: spacing)
        }
    }

    /// Sessions kept connected through the run: all of the closed model's; in the open model the
    /// connections a command rate is spread over, none when only session arrivals are asked for.
    public var longLivedSessionCount: Int {
        if case .open(_, let commandRate, let sessionRate, _) = load, commandRate <= 0, sessionRate > 0 { return 0 }
        return sessionCount
    }
}

/// One user name and password (Workload's type, named for the driver).
public typealias Credential = UserCredential
