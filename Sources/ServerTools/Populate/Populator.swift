import Driver
import Foundation
import IMAPClient
import IMAPProtocol
import NIOCore
import NIOPosix
import Workload

/// Fills users' mailboxes through APPEND up to a target count each, and never past it: each
/// mailbox is selected (created when missing) first and only topped up, so running it twice
/// gives the same mailboxes. Appends are pipelined; LITERAL+ is used when the server offers it
/// (the connection's encoder decides).
///
/// Used by `imapbench populate` and, before a run, from a profile's `populate:` section.
public final class Populator: Sendable {
    public struct Configuration: Sendable {
        public var connection: ConnectionConfiguration
        public var credentials: [Credential]
        public var loginMethod: LoginMethod = .login
        /// Target count, mailboxes, sizes, flags, optional mbox: the profile's `populate:` section.
        public var populate: PopulateConfiguration
        /// APPENDs in flight per connection.
        public var pipelineDepth = 8
        /// Users filled at the same time (one connection each).
        public var concurrentUsers = 4
        public var seed: UInt64 = 1
        /// Stop at the first user that cannot be filled: the populate before a run, which would
        /// refuse to start the run anyway, then fails in one command timeout, not one per user.
        public var stopAtFirstFailure = false
        /// Seconds without any progress (a mailbox opened, a message appended, a user done) after
        /// which the populate gives up; nil: twice the command timeout plus the connect timeout,
        /// more than any one step of a user may take. A command's own limit is the connection's
        /// `timeouts.command`, the run's when populating before a run.
        public var stallSeconds: Double? = nil

        public init(connection: ConnectionConfiguration, credentials: [Credential], populate: PopulateConfiguration) {
            self.connection = connection
            self.credentials = credentials
            self.populate = populate
        }
    }

    public let configuration: Configuration
    private let abort = PopulateAbort()

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Ends the populate at once (SIGINT/SIGTERM): no new user starts and open connections are
    /// closed; `run` then returns a summary whose `stop` is `.interrupted`. True while the
    /// populate had not returned yet, so a signal handler knows the signal was the populate's.
    @discardableResult
    public func stop() -> Bool {
        abort.abort(.interrupted)
    }

    /// Populates every user; `progress` is called after each append (cheaply; throttle when drawing).
    public func run(progress: @escaping @Sendable (PopulateProgress) -> Void = { _ in }) async throws -> PopulateSummary
    {
        guard !configuration.credentials.isEmpty else { throw ProbeError.noCredentials }
        guard configuration.pipelineDepth >= 1, configuration.concurrentUsers >= 1 else {
            throw ProbeError.invalidConfiguration("pipeline depth and concurrent users must be at least 1")
        }
        let source = try makeSource()
        var connection = configuration.connection
        // the job keeps at most the depth in flight (`PopulateUserJob.append`), the one place it is
        // enforced, as a run's session machine does for its own connection
        connection.pipelineDepth = .max
        let group = MultiThreadedEventLoopGroup(numberOfThreads: min(2, System.coreCount))
        defer { group.shutdownGracefully { _ in } }
        let wanted =
            configuration.credentials.count * configuration.populate.mailboxes.count * configuration.populate.messages
        let tally = PopulateTally(users: configuration.credentials.count, wanted: wanted, progress: progress)
        let started = NIODeadline.now()
        let watchdog = Task { [abort, limit = stallLimit(connection)] in
            await Self.watch(tally, abort: abort, limit: limit)
        }
        let outcomes = await fillAll(connection: connection, source: source, group: group, tally: tally)
        watchdog.cancel()
        abort.finish()
        return PopulateSummary(
            users: configuration.credentials.count, target: configuration.populate.messages,
            appended: outcomes.reduce(0) { $0 + $1.mailboxes.reduce(0) { $0 + $1.appended } },
            alreadyPresent: outcomes.reduce(0) {
                $0 + $1.mailboxes.reduce(0) { $0 + min($1.before, self.configuration.populate.messages) }
            },
            bytes: outcomes.reduce(0) { $0 + $1.bytes }, seconds: seconds(from: started, to: .now()),
            failedAppends: outcomes.reduce(0) { $0 + $1.failedAppends },
            literalPlus: outcomes.contains { $0.literalPlus },
            mailboxes: outcomes.flatMap(\.mailboxes), stop: abort.stop, wanted: wanted)
    }

    private func stallLimit(_ connection: ConnectionConfiguration) -> Double {
        configuration.stallSeconds
            ?? 2 * Self.inSeconds(connection.timeouts.command) + Self.inSeconds(connection.timeouts.connect)
    }

    private static func inSeconds(_ amount: TimeAmount) -> Double { Double(amount.nanoseconds) / 1e9 }

    /// Stops the populate once nothing has moved for `limit` seconds: every command has its
    /// timeout, but a server that accepts connections and then answers nothing would otherwise
    /// cost one timeout per user.
    private static func watch(_ tally: PopulateTally, abort: PopulateAbort, limit: Double) async {
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(min(0.25, limit / 4) * 1e9))
            if tally.secondsSinceProgress >= limit {
                abort.abort(.stalled(seconds: limit))
                return
            }
        }
    }

    private func makeSource() throws -> PopulateMessageSource {
        if let path = configuration.populate.mbox {
            return try MboxMessageSource(path: path, populate: configuration.populate, seed: configuration.seed)
        }
        return SyntheticMessageSource(populate: configuration.populate, seed: configuration.seed)
    }

    /// Runs at most `concurrentUsers` user jobs at a time.
    private func fillAll(
        connection: ConnectionConfiguration, source: PopulateMessageSource,
        group: EventLoopGroup, tally: PopulateTally
    ) async -> [PopulateUserOutcome] {
        let credentials = configuration.credentials
        let width = configuration.concurrentUsers
        return await withTaskGroup(of: PopulateUserOutcome.self) { tasks in
            var outcomes: [PopulateUserOutcome] = []
            var next = 0
            func startNext() {
                guard next < credentials.count, abort.stop == nil else { return }
                let job = PopulateUserJob(
                    credential: credentials[next], configuration: configuration, connection: connection,
                    source: source, loop: group.next(), tally: tally, abort: abort)
                next += 1
                tasks.addTask { await job.run() }
            }
            for _ in 0..<width { startNext() }
            for await outcome in tasks {
                outcomes.append(outcome)
                tally.userFinished()
                if configuration.stopAtFirstFailure, let problem = outcome.firstProblem {
                    abort.abort(.userFailed(problem))
                }
                startNext()
            }
            return outcomes
        }
    }
}
