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
    public var connection: ConnectionConfiguration
    public var loginMethod: LoginMethod
    public var users: [Credential]
    /// This process's load: the whole test's, or with `--segment i/N` this slice's share of its
    /// sessions and rates (what the targets and the offered rate of this run's record are).
    public var load: LoadModel
    /// The whole test's load, of which `load` is `segment`'s share (the same when whole).
    /// Sessions keep their index in the whole test, so a slice's sessions draw the same random
    /// streams, log in as the same users and keep the same per-session rates as in a whole run
    /// with the same seed: N slices together are exactly the whole test, not N copies of a part.
    public var wholeLoad: LoadModel
    public var segment: Segment = .whole
    public var phases: PhasePlan
    public var seed: UInt64
    public var threads: Int
    public var latePolicy: LatePolicy = .keepThenDrop
    public var maxLateCommands = 1_000
    /// Seconds between interval snapshots (1 s default).
    public var intervalSeconds = 1.0
    /// How long in-flight commands may take to drain after a stop request.
    public var drainSeconds = 5.0
    /// Part of the name of every mailbox the run's sessions CREATE (`imapbench-<tag>-s3/m17`), so
    /// that a mailbox left by an earlier run never collides with one of this run: fresh for every
    /// plan; a run may set it from its run id.
    public var runTag = RunPlan.makeRunTag()
    /// The consistency checks (the profile's `checks:` with `--checks` applied); off by default.
    public var checks = CheckSettings.off
    /// Makes a protocol logger for each new connection (`--protocol-log`); nil logs nothing.
    public var protocolLogFactory: (@Sendable () -> @Sendable (String) -> Void)?

    public init(
        profileName: String, profile: Profile, connection: ConnectionConfiguration, loginMethod: LoginMethod,
        users: [Credential], load: LoadModel, phases: PhasePlan, seed: UInt64, threads: Int,
        wholeLoad: LoadModel? = nil, segment: Segment = .whole
    ) {
        self.profileName = profileName
        self.profile = profile
        self.connection = connection
        self.loginMethod = loginMethod
        self.users = users
        self.load = load
        self.wholeLoad = wholeLoad ?? load
        self.segment = segment
        self.phases = phases
        self.seed = seed
        self.threads = threads
    }

    /// This process's long-lived sessions (or, arrivals only, its cap of live sessions).
    public var sessionCount: Int { load.sessions }

    /// The whole test's sessions: what session indices and user turns count in.
    public var wholeSessionCount: Int { wholeLoad.sessions }

    /// The whole-test indices of this slice's long-lived sessions.
    public var sessionIndices: Range<Int> { segment.range(of: wholeSessionCount) }

    /// Commands per second of one long-lived session in the open model: the whole test's rate
    /// spread over the whole test's sessions, so that it is the same in every slice.
    /// When `limitSessions` cut this slice's sessions, its rate is spread over those that remain.
    public var commandRatePerSession: Double {
        if sessionCount < sessionIndices.count, case .open(let sessions, let rate, _, _) = load {
            return rate / Double(max(1, sessions))
        }
        guard case .open(let sessions, let rate, _, _) = wholeLoad else { return 0 }
        return rate / Double(max(1, sessions))
    }

    /// Holds at most `cap` sessions at once, fewer than asked (the open-file limit allows no more);
    /// an open-model command rate is then spread over the sessions that remain.
    public mutating func limitSessions(to cap: Int) {
        switch load {
        case .closed(let count):
            load = .closed(sessions: min(count, cap))
        case .open(let count, let commandRate, let sessionRate, let spacing):
            load = .open(
                sessions: min(count, cap), commandsPerSecond: commandRate, sessionsPerSecond: sessionRate,
                spacing: spacing)
        }
    }

    /// Sessions kept connected through the run: all of the closed model's; in the open model the
    /// connections a command rate is spread over, none when only session arrivals are asked for.
    public var longLivedSessionCount: Int { longLivedSessionIndices.count }

    /// Their whole-test indices (see `sessionIndices`), cut to `load`'s sessions when
    /// `limitSessions` lowered them.
    public var longLivedSessionIndices: Range<Int> {
        if case .open(_, let commandRate, let sessionRate, _) = load, commandRate <= 0, sessionRate > 0 { return 0..<0 }
        let slice = sessionIndices
        return slice.lowerBound..<min(slice.upperBound, slice.lowerBound + sessionCount)
    }
}

extension RunPlan {
    /// Six random base-36 characters: 2 billion values, short enough for mailbox names.
    public static func makeRunTag() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String((0..<6).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}

extension RunPlan.LoadModel {
    /// Long-lived sessions (closed, or the open model's connections), or the arrival cap.
    public var sessions: Int {
        switch self {
        case .closed(let n): return n
        case .open(let n, _, _, _): return n
        }
    }

    /// `segment`'s share: sessions split into consecutive ranges, rates into equal parts.
    public func share(for segment: Segment) -> Self {
        switch self {
        case .closed(let n):
            return .closed(sessions: segment.share(of: n))
        case .open(let n, let commandRate, let sessionRate, let spacing):
            return .open(
                sessions: segment.share(of: n), commandsPerSecond: segment.share(ofRate: commandRate),
                sessionsPerSecond: segment.share(ofRate: sessionRate), spacing: spacing)
        }
    }
}

/// One user name and password (Workload's type, named for the driver).
public typealias Credential = UserCredential
