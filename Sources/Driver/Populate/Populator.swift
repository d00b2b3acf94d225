import Foundation
import IMAPClient
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
        public var connection: IMAPClient.ConnectionConfiguration
        public var credentials: [Credential]
        public var loginMethod: IMAPClient.LoginMethod = .login
        /// Target count, mailboxes, sizes, flags, optional mbox: the profile's `populate:` section.
        public var populate: PopulateConfiguration
        /// APPENDs in flight per connection.
        public var pipelineDepth = 8
        /// Users filled at the same time (one connection each).
        public var concurrentUsers = 4
        public var seed: UInt64 = 1
        /// Seconds one APPEND may take before the user is given up on.
        public var commandTimeoutSeconds = 60.0

        public init(connection: IMAPClient.ConnectionConfiguration, credentials: [Credential], populate: PopulateConfiguration) {
            self.connection = connection
            self.credentials = credentials
            self.populate = populate
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Populates every user; `progress` is called after each append (cheaply; throttle when drawing).
    public func run(progress: @escaping @Sendable (PopulateProgress) -> Void = { _ in }) async throws -> PopulateSummary {
        guard !configuration.credentials.isEmpty else { throw ProbeError.noCredentials }
        guard configuration.pipelineDepth >= 1, configuration.concurrentUsers >= 1 else {
            throw ProbeError.invalidConfiguration("pipeline depth and concurrent users must be at least 1")
        }
        let source = try makeSource()
        var connection = configuration.connection
        connection.pipelineDepth = configuration.pipelineDepth
        connection.timeouts.command = timeAmount(seconds: configuration.commandTimeoutSeconds)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: min(2, System.coreCount))
        defer { group.shutdownGracefully { _ in } }
        let tally = PopulateTally(users: configuration.credentials.count, progress: progress)
        let started = NIODeadline.now()
        let outcomes = await fillAll(connection: connection, source: source, group: group, tally: tally)
        return PopulateSummary(
            users: configuration.credentials.count, target: configuration.populate.messages,
            appended: outcomes.reduce(0) { $0 + $1.mailboxes.reduce(0) { $0 + $1.appended } },
            alreadyPresent: outcomes.reduce(0) { $0 + $1.mailboxes.reduce(0) { $0 + min($1.before, self.configuration.populate.messages) } },
            bytes: outcomes.reduce(0) { $0 + $1.bytes }, seconds: seconds(from: started, to: .now()),
            failedAppends: outcomes.reduce(0) { $0 + $1.failedAppends }, literalPlus: outcomes.contains { $0.literalPlus },
            mailboxes: outcomes.flatMap(\.mailboxes))
    }

    private func makeSource() throws -> PopulateMessageSource {
        if let path = configuration.populate.mbox {
            return try MboxMessageSource(path: path, populate: configuration.populate, seed: configuration.seed)
        }
        return SyntheticMessageSource(populate: configuration.populate, seed: configuration.seed)
    }

    /// Runs at most `concurrentUsers` user jobs at a time.
    private func fillAll(connection: IMAPClient.ConnectionConfiguration, source: PopulateMessageSource,
                         group: EventLoopGroup, tally: PopulateTally) async -> [PopulateUserOutcome] {
        let credentials = configuration.credentials
        let width = configuration.concurrentUsers
        return await withTaskGroup(of: PopulateUserOutcome.self) { tasks in
            var outcomes: [PopulateUserOutcome] = []
            var next = 0
            func startNext() {
                guard next < credentials.count else { return }
                let job = PopulateUserJob(credential: credentials[next], configuration: configuration, connection: connection,
                                          source: source, loop: group.next(), tally: tally)
                next += 1
                tasks.addTask { await job.run() }
            }
            for _ in 0..<width { startNext() }
            for await outcome in tasks {
                outcomes.append(outcome)
                tally.userFinished()
                startNext()
            }
            return outcomes
        }
    }
}
