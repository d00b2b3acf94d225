import ArgumentParser

/// The `imapbench` command: an IMAP load generator and benchmarking tool.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct IMAPBench: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "imapbench",
        abstract: "An IMAP load generator and benchmarking tool.",
        discussion: """
            Runs many concurrent, pipelined IMAP sessions that follow a weighted command profile, \
            measures every tag's latency into HdrHistograms, and writes CSV, an HdrHistogram \
            interval log, JSON, plots and an HTML report under Results/<run-id>/.

            Without --server, `run` starts the embedded IMAP server in-process on loopback.

            Exit codes: \(ExitCodes.documentation)
            """,
        version: IMAPBenchVersion.current,
        subcommands: [
            Run.self, Validate.self, ListProfiles.self, Report.self, Compare.self, Merge.self, Serve.self, Probe.self,
            Populate.self, Calibrate.self,
        ],
        defaultSubcommand: nil
    )

    public init() {}
}

/// The version printed by `--version` and written into run.json.
public enum IMAPBenchVersion {
    public static let current = "0.1.0"
}
