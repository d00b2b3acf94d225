import Driver
import Foundation
import IMAPServer
import Measurement
import Reporting
import Workload

/// Carries out one `run`: target, sessions, signals, results, verdicts. `Run.run()` stays short.
struct RunExecution {
    let request: RunRequest

    /// Runs and writes everything; returns the exit code.
    func execute() async throws -> Int32 {
        let (target, embedded) = try await startTarget()
        var plan = try RunPlan(profileName: request.profileName, resolved: request.profile, overrides: request.overrides,
                               host: target.host, port: target.port)
        if let embedded, plan.connection.caFile == nil { plan.connection.caFile = embedded.certificatePath }
        let protocolLog = try request.protocolLog.map { try ProtocolLogFile(path: $0) }
        defer { protocolLog?.close() }
        if let protocolLog { plan.protocolLogFactory = { protocolLog.logger() } }
        try await populateIfAsked(plan)
        let shardNotes = try await request.shards.meetOtherShards()
        let collector = RunCollector(configuration: configurationRecord(plan: plan, target: target, embedded: embedded != nil,
                                                                        notes: shardNotes))
        let controller = RunController(plan: plan, behaviour: SessionBehaviour(profile: request.profile),
                                       collector: collector, progress: progressPrinter())
        let signals = StopSignal { immediate in
            printError(immediate ? "\nstopping now" : "\nstopping: draining in-flight commands (Ctrl-C again to stop at once)")
            controller.requestStop(immediate: immediate)
        }
        signals.install()
        // kept until the files are written: a second Ctrl-C stops the run at once, not the writing
        defer { signals.uninstall() }
        printError("imapbench: \(request.profileName) against \(embedded == nil ? "" : "the embedded server on ")\(target.host):\(target.port), "
                   + "\(plan.sessionCount) sessions, \(plan.threads) threads, seed \(plan.seed)")
        let result = try await controller.run()
        try? await embedded?.stop()
        return try finish(result, connectFailures: controller.connectFailures)
    }

    /// A profile's `populate:` section tops the users' mailboxes up before the run starts.
    private func populateIfAsked(_ plan: RunPlan) async throws {
        guard let populate = request.profile.populate else { return }
        // a --segment slice fills its share of the users: N slices together fill each once
        let users = UserSource(credentials: plan.users).segment(plan.segment).credentials
        var configuration = Populator.Configuration(connection: plan.connection, credentials: users, populate: populate)
        configuration.loginMethod = plan.loginMethod
        configuration.seed = plan.seed
        printError("populating \(users.count) users up to \(populate.messages) messages per mailbox")
        let summary = try await Populator(configuration: configuration).run()
        printError(summary.text)
    }

    private func startTarget() async throws -> ((host: String, port: Int), EmbeddedIMAPServer?) {
        if let server = request.server { return (server, nil) }
        var configuration = ServerConfiguration()
        configuration.users = max(100, request.profile.users.range.upper)
        if let first = try? UserSource(configuration: request.profile.users).credentials.first {
            configuration.password = first.password
        }
        if request.profile.connection.tls == .implicit { configuration.tlsPort = 0 }
        let server = try await EmbeddedIMAPServer.start(configuration)
        if request.profile.connection.tls == .implicit, let port = server.tlsPort { return (("127.0.0.1", port), server) }
        return (("127.0.0.1", server.port), server)
    }

    private func configurationRecord(plan: RunPlan, target: (host: String, port: Int), embedded: Bool,
                                     notes shardNotes: [String: String]) -> RunConfigurationRecord {
        let model: String
        var offered: Double? = nil
        switch plan.load {
        case .closed: model = "closed"
        case .open(_, let rate, _, _):
            model = "open"
            offered = rate
        }
        var notes = shardNotes
        if embedded { notes[RunConfigurationRecord.embeddedServerNote] = "in-process: process CPU includes the server's" }
        return RunConfigurationRecord(
            runID: request.outDirectory.lastPathComponent, profileName: request.profileName,
            resolvedProfile: ResolvedProfileText.render(request.profile),
            commandLine: request.commandLine,
            versions: ["imapbench": IMAPBenchVersion.current, "swift": SwiftVersion.description],
            host: ProcessInfo.processInfo.hostName,
            target: embedded ? "embedded \(target.host):\(target.port)" : "\(target.host):\(target.port)",
            seed: plan.seed, loadModel: model, offeredRate: offered,
            latePolicy: model == "open" ? "keep late commands with their intended time; drop beyond \(plan.maxLateCommands) due per session" : nil,
            threads: plan.threads, cores: ProcessInfo.processInfo.activeProcessorCount,
            intervalSeconds: plan.intervalSeconds, thresholds: request.thresholds,
            segment: request.overrides.segment.map { $0.description }, notes: notes)
    }

    private func progressPrinter() -> RunController.ProgressSink {
        let quiet = request.quiet
        let terminal = isatty(STDERR_FILENO) != 0
        return { line in
            guard !quiet else { return }
            let text = ProgressFormatter.format(line)
            writeError(terminal ? "\r\u{1B}[K" + text : text + "\n")
        }
    }

    private func finish(_ result: RunResult, connectFailures: [String: Int]) throws -> Int32 {
        if isatty(STDERR_FILENO) != 0 && !request.quiet { writeError("\n") }
        try RunDirectoryWriter.write(result, to: request.outDirectory)
        print(SummaryTable.render(result))
        print("Results: \(request.outDirectory.path)")
        for (reason, count) in connectFailures.sorted(by: { $0.value > $1.value }).prefix(3) {
            printError("connections failed \(count) times: \(reason)")
        }
        let document = RunDocument(result)
        if result.interrupted { return ExitCodes.interrupted }
        if !Self.anyCommandSucceeded(result) {
            printError("imapbench: no command succeeded: nothing could run"
                       + (connectFailures.isEmpty ? " (see the error rows of the summary)" : " (see the connection failures above)"))
            return ExitCodes.failure
        }
        if document.thresholds.contains(where: { !$0.passed }) { return ExitCodes.thresholdViolated }
        return ExitCodes.success
    }
}

extension RunExecution {
    /// Whether any command, setup included, ended OK anywhere in the run.
    static func anyCommandSucceeded(_ result: RunResult) -> Bool {
        let analysis = RunAnalysis(result)
        return analysis.histogram(where: { $0.group == .command && $0.outcome == .ok }, in: analysis.runSeries).totalCount > 0
    }
}

/// The Swift compiler version, for run.json.
enum SwiftVersion {
    static var description: String {
        #if compiler(>=6.3)
        return "6.3+"
        #else
        return "6.x"
        #endif
    }
}
