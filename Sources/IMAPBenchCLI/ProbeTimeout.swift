import ArgumentParser
import Driver
import Foundation
import IMAPServer
import ServerTools

/// `imapbench probe timeout`: when and how the server ends a silent session in each state.
public struct ProbeTimeout: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "timeout",
        abstract: "Find the server's inactivity timers per state (not authenticated, authenticated, selected, IDLE).",
        discussion: """
            Opens one session per state, leaves each silent (one more sends NOOP every --keepalive), \
            and reports when and how the server ended it: BYE with its text, a silent close, or alive \
            at --max-wait. Says whether the 30-minute minimum of RFC 3501 holds and how often IDLE must \
            be re-issued. Writes timeout.csv, run.json and timeline.png/.svg.
            Example: imapbench probe timeout --autologout notauth=2s,auth=3s,selected=3s,idle=4s --max-wait 10s
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .customLong("max-wait"), help: "How long a silent session is watched (RFC 3501 asks for 30m).")
    var maxWait = "31m"

    @Option(help: "NOOP interval of the keep-alive session.")
    var keepalive = "1m"

    @Option(help: "Mailbox to select for the selected and IDLE states.")
    var mailbox = "INBOX"

    @Option(help: "Embedded server only: its autologout timers, e.g. notauth=2s,auth=3s,selected=3s,idle=4s,mode=bye.")
    var autologout: String?

    @Option(help: "Results directory (default Results/<UTC timestamp>-probe-timeout).")
    var out: String?

    @Flag(help: OutDirectoryCheck.forceHelp)
    var force = false

    public init() {}

    public func run() async throws {
        do {
            // before the probe runs: a refused --out costs no probe
            let outPath = out ?? ProbeOutputDirectory.defaultPath(name: "probe-timeout")
            try ProbeOutputDirectory.check(path: outPath, force: force)
            let target = try await ProbeTarget.resolve(connection) { server in
                if let autologout { server.autologout = try AutologoutSpec.parse(autologout) }
            }
            var configuration = TimeoutProbe.Configuration(
                connection: target.connection, credentials: target.credentials)
            configuration.loginMethod = target.loginMethod
            configuration.mailbox = mailbox
            configuration.maxWaitSeconds = try probeSeconds(maxWait, option: "--max-wait")
            configuration.keepAliveSeconds = try probeSeconds(keepalive, option: "--keepalive")
            let printer = ProbeProgressPrinter()
            let result = try await TimeoutProbe(configuration: configuration).run { progress in
                printer.show(Self.line(progress), milestone: progress.elapsed.filter { $0.outcome != nil }.count)
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

    /// `not-authenticated 12s | authenticated bye 3.0s | ...`
    static func line(_ progress: TimeoutProbe.Progress) -> String {
        "[probe timeout] "
            + progress.elapsed.map { entry in
                let elapsed = entry.seconds.map(TimeoutVerdict.format) ?? "-"
                return entry.outcome.map { "\(entry.state.rawValue) \($0.rawValue) \(elapsed)" }
                    ?? "\(entry.state.rawValue) \(elapsed)"
            }.joined(separator: " | ")
    }
}
