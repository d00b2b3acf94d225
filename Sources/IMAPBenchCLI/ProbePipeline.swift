import ArgumentParser
import Driver
import Foundation
import IMAPServer
import ServerTools
import Workload

/// `imapbench probe pipeline`: throughput and latency per pipeline depth, and how the server
/// handles pipelined commands.
public struct ProbePipeline: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Sweep the pipeline depth and tell whether the server handles pipelined commands concurrently.",
        discussion: """
            For each depth, --sessions connections send bursts of DEPTH commands from the profile's \
            mix and wait for every tag. Reports throughput, p50/p99 per command, errors, lost tags \
            (unanswered within --command-timeout), the k-th command's latency in a burst, out-of-order \
            completions, and where throughput saturates. Writes pipeline.csv, run.json, \
            throughput/latency/position plots and a one-line verdict.
            Example: imapbench probe pipeline pipeline-max --server 127.0.0.1:143 --depths 1,4,16
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "Profile (built-in name or file) whose operation mix is sent.")
    var profile = "pipeline-max"

    @Flag(name: .customLong("noop-only"), help: "Send only NOOP instead of the profile's mix.")
    var noopOnly = false

    @Option(help: "Comma-separated pipeline depths.")
    var depths = "1,2,4,8,16,32,64"

    @Option(help: "Connections per depth.")
    var sessions = 4

    @Option(help: "Measured time per depth.")
    var step = "5s"

    @Option(help: "Warm-up per depth, not measured.")
    var warmup = "1s"

    @Option(name: .customLong("command-timeout"), help: "A tag unanswered this long counts as lost.")
    var commandTimeout = "5s"

    @Option(help: "Seed for the command choices.")
    var seed: UInt64 = 1

    @Flag(help: "Embedded server only: process pipelined commands one at a time.")
    var serial = false

    @Option(help: "Embedded server only: delay before tagged responses, e.g. 5ms or FETCH=exp:2ms (repeatable).")
    var delay: [String] = []

    @Option(help: "Results directory (default Results/<UTC timestamp>-probe-pipeline).")
    var out: String?

    @Flag(help: OutDirectoryCheck.forceHelp)
    var force = false

    public init() {}

    public func run() async throws {
        do {
            // before the probe runs: a refused --out costs no probe
            let outPath = out ?? ProbeOutputDirectory.defaultPath(name: "probe-pipeline")
            try ProbeOutputDirectory.check(path: outPath, force: force)
            let loaded = try ProfileLoader.resolve(profile)
            let target = try await ProbeTarget.resolve(connection, profileUsers: loaded.users) { server in
                server.serialProcessing = serial
                server.delays = try delay.map(DelaySpec.parse)
            }
            var configuration = try makeConfiguration(target: target, profile: loaded)
            configuration.mailbox = loaded.connection.mailbox
            let printer = ProbeProgressPrinter(plainInterval: 0)
            let result = try await PipelineProbe(configuration: configuration).run { depth in
                printer.show(
                    String(
                        format: "[probe pipeline] depth %d: %.0f cmd/s, %d errors, %d lost",
                        depth.depth, depth.throughputPerSecond, depth.errors, depth.lost), milestone: depth.depth)
            }
            printer.finish()
            await target.stop()
            try ProbeResultPrinter.write(summary: result.summary, to: outPath) {
                try result.write(to: $0, force: force)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }

    private func makeConfiguration(target: ProbeTarget, profile: Profile) throws -> PipelineProbe.Configuration {
        var configuration = PipelineProbe.Configuration(connection: target.connection, credentials: target.credentials)
        configuration.loginMethod = target.loginMethod
        configuration.depths = try depths.split(separator: ",").map { text in
            guard let depth = Int(text.trimmingCharacters(in: .whitespaces)), depth >= 1 else {
                throw CLIError("--depths must be positive integers separated by commas, found '\(depths)'")
            }
            return depth
        }
        configuration.sessions = sessions
        configuration.stepSeconds = try probeSeconds(step, option: "--step")
        configuration.warmupSeconds = try probeSeconds(warmup, option: "--warmup")
        configuration.commandTimeoutSeconds = try probeSeconds(commandTimeout, option: "--command-timeout")
        configuration.seed = seed
        if !noopOnly { configuration.mix = .profile(profile) }
        return configuration
    }
}
