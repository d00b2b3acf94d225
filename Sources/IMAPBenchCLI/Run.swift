import ArgumentParser
import Driver
import Foundation
import Workload

/// `imapbench run`: the main job.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a load test: many pipelined IMAP sessions following a profile.",
        discussion: """
            PROFILE is a built-in name (see `imapbench profiles`) or a YAML file; flags override it. \
            Without --server the embedded IMAP server is started in-process on a loopback port.

            Examples:
              imapbench run                                  # 10 s smoke demo against the embedded server
              imapbench run webmail --server 127.0.0.1:10143 --tls starttls --ca-file cert.pem --sessions 200
              imapbench run pipeline-max --rate 20000 --duration 1m --threshold 'fetch.p99 < 50ms'
              imapbench run delivery --shard 2/3 --seed 7 --coordinator gen1:7000   # the second of three machines

            Durations accept 500ms, 30s, 5m, 1h. --duration scales the profile's ramp-up, warm-up \
            and ramp-down with the duration (a 30 s ramp-up of 5 m is 6 s of 1 m); --ramp-up, \
            --warmup and --ramp-down set one exactly. The run prints the phases it uses. The password comes from the profile, \
            IMAPBENCH_PASSWORD or --password-file, never from the command line. Results go to \
            Results/<UTC timestamp>-<profile>/ (or --out: an earlier result there is updated, a \
            directory holding other files is refused unless --force, and no file imapbench did not \
            write is ever deleted). Ctrl-C stops cleanly (in-flight commands \
            drain, sessions log out); a second Ctrl-C stops at once; either way results are written, and \
            commands still unanswered count as `unanswered` errors of the window they were due in. \
            A profile's populate: section fills the mailboxes first (not part of --duration; \
            --no-populate skips it); Ctrl-C there exits 130 before the run starts, with no results.

            Every file named (--ca-file, --password-file, --protocol-log's directory, the profile's \
            users file, password file and mbox) is checked before anything starts.

            Several machines: --shard i/N runs one slice (--segment is the same option); in a Kubernetes \
            Indexed Job --shards N (or IMAPBENCH_SHARDS) makes the shard JOB_COMPLETION_INDEX+1. With \
            --coordinator HOST:PORT (or IMAPBENCH_COORDINATOR) shard 1 listens there, the others connect, \
            and after populate all start at one time agreed over that connection, each recording its \
            clock offset to shard 1 in run.json; a shard missing after --barrier-timeout (default 60s) \
            refuses the run (exit 1) and names it. After the run every shard sends its result to shard 1, \
            which writes them to <out>/shard-<i>/ and the merged result to <out>, and exits with the merged \
            result's code; a shard whose result never comes (--results-timeout, default 2m) is named and \
            makes it exit 3.

            Live metrics: --metrics HOST:PORT serves Prometheus/OpenMetrics text at /metrics during \
            the run (imapbench_commands_total, response/service/send-lag histograms, sessions, generator \
            health; labels run_id, shard, phase) and, for --metrics-linger (default 5s), after it; a port \
            in use refuses the run (exit 1). Example: imapbench run webmail --metrics 0.0.0.0:9464

            Exit codes: \(ExitCodes.documentation)
            """)

    @Argument(help: "Built-in profile name or YAML file.")
    var profile = "smoke"

    @OptionGroup var connection: ConnectionOptions

    // `.unconditional`: "-1" is a value to refuse with a reason, not an unknown option
    @Option(parsing: .unconditional, help: "Number of sessions (connections).")
    var sessions: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Target commands per second: switches to the open model (latency from the intended send time).",
            valueName: "per-second"))
    var rate: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Duration including ramps, e.g. 30s or 5m; the profile's ramps and warm-up keep their share of it.",
            valueName: "duration"))
    var duration: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "How long a command may wait for its answer before it is a timeout and its connection is closed and opened again (default 30s, at most 1h).",
            valueName: "duration"))
    var timeout: String?

    @Option(
        name: .customLong("ramp-up"), parsing: .unconditional,
        help: ArgumentHelp("Ramp-up length, not scaled with --duration (0 for none).", valueName: "duration"))
    var rampUp: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Warm-up length, not scaled with --duration (0 for none).", valueName: "duration"))
    var warmup: String?

    @Option(
        name: .customLong("ramp-down"), parsing: .unconditional,
        help: ArgumentHelp("Ramp-down length, not scaled with --duration (0 for none).", valueName: "duration"))
    var rampDown: String?

    @Option(parsing: .unconditional, help: "Pipeline depth: commands in flight per session (1 = no pipelining).")
    var pipeline: Int?

    @Option(help: "Seed for every session's random choices (reproducible runs).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Event-loop threads (default: one per core).")
    var threads: Int?

    @OptionGroup(title: "Several machines") var sharding: ShardOptions

    @OptionGroup(title: "Live metrics") var liveMetrics: MetricsOptions

    @Option(help: ArgumentHelp("Result directory (default Results/<UTC timestamp>-<profile>).", valueName: "dir"))
    var out: String?

    @Flag(help: OutDirectoryCheck.forceHelp)
    var force = false

    @Option(
        help: ArgumentHelp(
            "Pass/fail condition, repeatable: 'fetch.p99 < 50ms', 'errors.rate < 0.1%', 'commands.rate > 1000/s'.",
            valueName: "expr"))
    var threshold: [String] = []

    @Flag(
        help:
            "Exit 0 instead of 3 when the run should not be believed (limited by the generator, target sessions or rate not reached), and with too low an open-file limit run the sessions that fit instead of refusing."
    )
    var allowLimited = false

    @Flag(help: "Print no live progress line.")
    var quiet = false

    @Flag(
        name: .customLong("no-populate"), help: "Skip the profile's populate: section; use the mailboxes as they are.")
    var noPopulate = false

    @Flag(
        inversion: .prefixedNo,
        help:
            "Check the server's consistency under load (the profile's checks: section; default off): violations go to checks.csv, run.json, the summary and the report, and thresholds such as 'checks.violations < 1' gate on them."
    )
    var checks: Bool?

    @Option(
        name: .customLong("check"),
        help: ArgumentHelp(
            "Set one check's severity, repeatable, implies --checks: 'recent-twice=error', 'modseq-decreased=off' (IDs in Results/README.md).",
            valueName: "id=severity"))
    var checkSeverities: [String] = []

    @Option(
        name: .customLong("protocol-log"),
        help: ArgumentHelp(
            "Write every connection's C:/S: lines to this file (passwords redacted); for debugging, it slows the generator.",
            valueName: "file"))
    var protocolLog: String?

    @Option(
        name: .customLong("summary-json"),
        help: ArgumentHelp(
            "Also write the end-of-run summary as JSON to this file (schema: Results/README.md), also when a threshold fails or the run is interrupted.",
            valueName: "file"))
    var summaryJSON: String?

    func run() async throws {
        let request = try RunRequest(command: self)
        let code = try await RunExecution(request: request).execute()
        if code != ExitCodes.success { throw ExitCode(code) }
    }
}
