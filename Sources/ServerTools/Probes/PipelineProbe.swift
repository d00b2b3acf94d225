import Driver
import Foundation
import IMAPClient
import IMAPProtocol
import NIOCore
import NIOPosix

/// `probe pipeline`: sweeps the pipeline depth at a fixed number of sessions and measures, per
/// depth, throughput, latency per command, errors, the k-th command's latency in a burst and
/// the order completions arrive in.
///
/// Each depth gets fresh connections (a connection that lost a tag is not trusted again), a
/// warm-up, then a measured window; a server that never answers ends in command timeouts and a
/// hard stop, never a hang.
public final class PipelineProbe: Sendable {
    public struct Configuration: Sendable {
        public var connection: ConnectionConfiguration
        public var credentials: [Credential]
        public var loginMethod: LoginMethod = .login
        public var mailbox = "INBOX"
        public var mix: PipelineCommandMix = .commands([NamedCommand(name: "noop", command: .noop)])
        public var depths = [1, 2, 4, 8, 16, 32, 64]
        public var sessions = 4
        public var warmupSeconds = 1.0
        public var stepSeconds = 5.0
        /// A tag unanswered for this long counts as lost.
        public var commandTimeoutSeconds = 5.0
        public var seed: UInt64 = 1
        public var threads = min(2, System.coreCount)

        public init(connection: ConnectionConfiguration, credentials: [Credential]) {
            self.connection = connection
            self.credentials = credentials
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func run(
        progress: @escaping @Sendable (PipelineDepthResult) -> Void = { _ in }
    ) async throws -> PipelineProbeResult {
        try validate()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        defer { group.shutdownGracefully { _ in } }
        let startWall = Date()
        var results: [PipelineDepthResult] = []
        for depth in configuration.depths {
            let result = try await measure(depth: depth, group: group)
            progress(result)
            results.append(result)
        }
        return PipelineProbeResult(
            settings: PipelineProbeResult.Settings(configuration), startWall: startWall,
            endWall: Date(), depths: results)
    }

    private func validate() throws {
        guard !configuration.credentials.isEmpty else { throw ProbeError.noCredentials }
        guard !configuration.depths.isEmpty, configuration.depths.allSatisfy({ $0 >= 1 && $0 <= 10_000 }) else {
            throw ProbeError.invalidConfiguration("depths must be between 1 and 10000, found \(configuration.depths)")
        }
        guard configuration.sessions >= 1, configuration.stepSeconds > 0, configuration.commandTimeoutSeconds > 0 else {
            throw ProbeError.invalidConfiguration("sessions, step and command timeout must be above zero")
        }
    }

    /// One depth: connect every session, run the window, collect and summarise.
    private func measure(depth: Int, group: EventLoopGroup) async throws -> PipelineDepthResult {
        var connection = configuration.connection
        connection.pipelineDepth = depth
        connection.timeouts.command = timeAmount(seconds: configuration.commandTimeoutSeconds)
        var problems: [String] = []
        var sessions: [PipelineBurstSession] = []
        for index in 0..<configuration.sessions {
            let credential = configuration.credentials[index % configuration.credentials.count]
            let opened = await SessionOpening.open(
                connection, as: credential, method: configuration.loginMethod, select: configuration.mailbox,
                on: group.next())
            switch opened {
            case .success(let open):
                let source = PipelineCommandSource(
                    mix: configuration.mix, user: credential.user, seed: configuration.seed,
                    stream: UInt64(depth * 100_000 + index))
                sessions.append(PipelineBurstSession(connection: open, depth: depth, source: source))
            case .failure(let failure):
                problems.append(failure.text)
            }
        }
        if sessions.isEmpty {
            throw ProbeError.unreachable("no session could be set up at depth \(depth): \(problems.first ?? "")")
        }
        let start = NIODeadline.now() + .milliseconds(20)
        let measureFrom = start + timeAmount(seconds: configuration.warmupSeconds)
        let stopAt = measureFrom + timeAmount(seconds: configuration.stepSeconds)
        let window = PipelineBurstSession.Window(
            start: start, measureFrom: measureFrom, stopAt: stopAt,
            hardStop: stopAt + timeAmount(seconds: configuration.commandTimeoutSeconds * 2 + 2))
        var merged = PipelineSessionSamples(depth: depth)
        for future in sessions.map({ $0.run(window) }) {
            if let samples = try? await future.get() { merged.merge(samples) }
        }
        merged.problems += problems
        return PipelineDepthResult(
            depth: depth, sessions: sessions.count, measuredSeconds: configuration.stepSeconds,
            samples: merged)
    }
}
