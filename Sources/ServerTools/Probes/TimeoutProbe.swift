import Driver
import Foundation
import IMAPClient
import IMAPProtocol
import NIOCore
import NIOPosix

/// `probe timeout`: finds a server's inactivity timers by leaving one session silent in each
/// state, all in parallel, and noting when and how the server ends each.
///
/// It stops as soon as every state has concluded: the server ended it, or `maxWaitSeconds`
/// passed. The keep-alive session (NOOP every K) concludes once it has outlived the silent
/// selected session's timer by half again, since that already answers its question.
public final class TimeoutProbe: Sendable {
    public struct Configuration: Sendable {
        public var connection: ConnectionConfiguration
        public var credentials: [Credential]
        public var loginMethod: LoginMethod = .login
        public var mailbox = "INBOX"
        /// How long a silent session is watched before it is reported alive (RFC 3501 asks for 30 minutes).
        public var maxWaitSeconds = 31.0 * 60
        /// The NOOP interval of the keep-alive session.
        public var keepAliveSeconds = 60.0
        public var states: [TimeoutProbeState] = TimeoutProbeState.allCases

        public init(connection: ConnectionConfiguration, credentials: [Credential]) {
            self.connection = connection
            self.credentials = credentials
        }
    }

    /// What the progress line shows: each state's elapsed seconds and, once concluded, its outcome.
    public struct Progress: Sendable {
        public var elapsed: [(state: TimeoutProbeState, seconds: Double?, outcome: TimeoutFinding.Outcome?)]
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs every state's session in parallel; `progress` is called about once per second.
    public func run(progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> TimeoutProbeResult {
        guard !configuration.credentials.isEmpty else { throw ProbeError.noCredentials }
        guard configuration.maxWaitSeconds > 0, configuration.keepAliveSeconds > 0 else {
            throw ProbeError.invalidConfiguration("--max-wait and the keep-alive interval must be above zero")
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { group.shutdownGracefully { _ in } }
        let startWall = Date()
        let watchers = configuration.states.enumerated().map { index, state in
            TimeoutWatcher(
                state: state, configuration: configuration,
                credential: configuration.credentials[index % configuration.credentials.count], loop: group.next())
        }
        let reporter = Task { await Self.reportProgress(watchers, progress) }
        let findings = await watchAll(watchers)
        reporter.cancel()
        progress(Self.progress(of: watchers))
        let ordered = configuration.states.compactMap { state in findings.first { $0.state == state } }
        return TimeoutProbeResult(
            configuration: TimeoutProbeResult.Settings(configuration), startWall: startWall,
            endWall: Date(), findings: ordered)
    }

    private func watchAll(_ watchers: [TimeoutWatcher]) async -> [TimeoutFinding] {
        let keepAlive = watchers.first { $0.state == .keepAlive }
        let keepAliveSeconds = configuration.keepAliveSeconds
        return await withTaskGroup(of: TimeoutFinding.self) { group in
            for watcher in watchers { group.addTask { await watcher.run() } }
            var findings: [TimeoutFinding] = []
            for await finding in group {
                findings.append(finding)
                if finding.state == .selected, finding.serverEnded, let keepAlive,
                    let entered = keepAlive.snapshot.enteredAt
                {
                    let margin = max(finding.elapsedSeconds * 1.5, finding.elapsedSeconds + 2 * keepAliveSeconds)
                    keepAlive.stopWaiting(
                        at: entered + timeAmount(seconds: margin),
                        reason:
                            "alive \(TimeoutWatcher.format(margin)) with NOOP every \(TimeoutWatcher.format(keepAliveSeconds)), "
                            + "past the \(TimeoutWatcher.format(finding.elapsedSeconds)) selected timer")
                }
            }
            return findings
        }
    }

    private static func reportProgress(_ watchers: [TimeoutWatcher], _ progress: @Sendable (Progress) -> Void) async {
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 1_000_000_000)
            if Task.isCancelled { return }
            progress(Self.progress(of: watchers))
        }
    }

    private static func progress(of watchers: [TimeoutWatcher]) -> Progress {
        let now = NIODeadline.now()
        return Progress(
            elapsed: watchers.map { watcher in
                let status = watcher.snapshot
                if let finding = status.finding { return (watcher.state, finding.elapsedSeconds, finding.outcome) }
                return (watcher.state, status.enteredAt.map { seconds(from: $0, to: now) }, nil)
            })
    }
}
