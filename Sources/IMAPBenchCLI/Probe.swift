import ArgumentParser

/// `imapbench probe`: experiments that find out how a server behaves, each with its own report.
public struct Probe: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Experiments on a server's behaviour: inactivity timers and pipelining.",
        discussion: """
            `probe timeout` finds the server's autologout timers per state; `probe pipeline` sweeps \
            the pipeline depth and tells whether the server works on pipelined commands concurrently. \
            Each writes its files under Results/<UTC timestamp>-probe-<name>/ (--out overrides).
            """,
        subcommands: [ProbeTimeout.self, ProbePipeline.self]
    )

    public init() {}
}
