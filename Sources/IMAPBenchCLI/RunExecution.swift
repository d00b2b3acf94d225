import Driver
import Foundation
import IMAPServer
import Measurement
import Reporting
import ServerTools
import Workload

/// Carries out one `run`: target, sessions, signals, results, verdicts. `Run.run()` stays short.
struct RunExecution {
    let request: RunRequest

    /// Runs and writes everything; returns the exit code.
    func execute() async throws -> Int32 {
        let sessionCap = try checkOpenFileLimit()
        let metrics = try await RunMetricsEndpoint.start(
            request.metrics, runID: request.outDirectory.lastPathComponent,
            shard: request.overrides.segment?.description ?? "1/1")
        let (target, embedded) = try await startTarget()
        let protocolLog = try request.protocolLog.map { try ProtocolLogFile(path: $0) }
        defer { protocolLog?.close() }
        let assembly = try RunAssembly(
            request: request, target: target, embeddedCertificate: embedded?.certificatePath, embedded: embedded != nil,
            sessionCap: sessionCap, protocolLog: protocolLog)
        let plan = assembly.plan
        let populator = makePopulator(plan)
        let collector = RunCollector(configuration: assembly.record)
        metrics?.attach(to: collector, targetSessions: assembly.targetSessions)
        let controller = RunController(
            plan: plan, behaviour: assembly.behaviour, collector: collector,
            progress: progressPrinter())
        let signals = Self.stopSignal(populator: populator, controller: controller)
        signals.install()
        // kept until the files are written: a second Ctrl-C stops the run at once, not the writing
        defer { signals.uninstall() }
        var populated: PopulateSummary?
        if let populator {
            do { populated = try await populate(with: populator) } catch {
                try? await embedded?.stop()
                throw error
            }
            guard populated != nil else {
                try? await embedded?.stop()
                return ExitCodes.interrupted
            }
        }
        // after the populate: every shard starts measuring at the one start time shard 1 sends
        let meeting: ShardMeeting?
        do { meeting = try await request.shards.meetOtherShards() } catch {
            try? await embedded?.stop()
            throw error
        }
        printError(
            "imapbench: \(request.profileName) against \(embedded == nil ? "" : "the embedded server on ")\(target.host):\(target.port), "
                + "\(plan.sessionCount) sessions, \(plan.threads) threads, seed \(plan.seed)")
        printError(request.phasesLine)
        var result = try await controller.run()
        try? await embedded?.stop()
        Self.noteMissingCapabilities(controller.sessionProblems, in: &result)
        result.configuration.notes.merge(meeting?.start.notes ?? [:]) { own, _ in own }
        if let populated { result.configuration.notes["populate"] = populated.text.components(separatedBy: "\n").first }
        let results = ShardResults(meeting: meeting, request: request)
        let code = try finish(result, problems: controller.sessionProblems, into: results.ownDirectory)
        let verdict = try await results.conclude(ownCode: code)
        await metrics?.lingerAndStop(signals: signals, exitCode: code)
        return verdict
    }

    /// Raises the open-file limit and refuses a run it would cut short, before anything starts.
    /// `--allow-limited` runs as many sessions as fit (returned; nil: all of them), never more: a
    /// process out of descriptors can crash anywhere. The summary then says TARGET NOT REACHED.
    private func checkOpenFileLimit() throws -> Int? {
        let embedded = request.server == nil
        // this segment's sessions, as `RunPlan.sessionCount` will count them (the plan needs the
        // target's address, which comes later)
        let sessions = (request.overrides.segment ?? .whole).share(of: request.profile.load.sessions)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = (request.overrides.threads ?? cores) + (embedded ? cores : 0)
        let budget = OpenFileBudget.raisingLimit(sessions: sessions, embeddedServer: embedded, threads: threads)
        guard let problem = budget.problem else { return nil }
        guard request.allowLimited else {
            throw CLIError("\(problem); or add --allow-limited to run the sessions that fit.")
        }
        printError(
            "imapbench: warning: \(problem). Running \(budget.affordableSessions) of the \(sessions) sessions, "
                + "as many as fit (--allow-limited).")
        return budget.affordableSessions
    }

    /// A signal during the populate is the populate's (the run has not started); after it, the run's.
    private static func stopSignal(populator: Populator?, controller: RunController) -> StopSignal {
        StopSignal { immediate in
            if populator?.stop() == true {
                printError("\nstopping the populate")
                return
            }
            printError(
                immediate ? "\nstopping now" : "\nstopping: draining in-flight commands (Ctrl-C again to stop at once)")
            controller.requestStop(immediate: immediate)
        }
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
        if request.profile.connection.tls == .implicit, let port = server.tlsPort {
            return (("127.0.0.1", port), server)
        }
        return (("127.0.0.1", server.port), server)
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

    /// Writes this run's result to `directory` (the --out directory, or shard 1's own
    /// `shard-1/` in it), prints the summary and returns the run's exit code.
    private func finish(_ result: RunResult, problems: SessionProblems, into directory: URL) throws -> Int32 {
        if isatty(STDERR_FILENO) != 0 && !request.quiet { writeError("\n") }
        let rendering = try RunDirectoryWriter.write(result, to: directory, force: request.force)
        try request.summaryJSON.map { try SummaryJSONFile.write(RunDocument(result), to: $0) }
        print(SummaryTable.render(result))
        print("Results: \(directory.path)")
        GnuplotRenderer.missingPlotsNote(rendering, runDirectory: directory.path).map { printError("imapbench: " + $0) }
        problems.lines().forEach(printError)
        return Self.verdict(result, problems: problems, allowLimited: request.allowLimited)
    }

    /// The exit code of a written result, with the line that explains a 1 or a 3; shard 1's
    /// merged result is judged by the same rule, with `incomplete` when a shard is missing.
    static func verdict(
        _ result: RunResult, problems: SessionProblems, allowLimited: Bool, incomplete: Bool = false
    ) -> Int32 {
        let document = RunDocument(result)
        let ending = ExitCodes.RunEnding(
            nothingSucceeded: !Self.anyCommandSucceeded(result), interrupted: result.interrupted,
            thresholdViolated: document.thresholds.contains { !$0.passed }, limited: document.isLimited,
            allowLimited: allowLimited, incomplete: incomplete)
        let code = ExitCodes.forRun(ending)
        if code == ExitCodes.failure {
            printError(
                "imapbench: no command succeeded: nothing could run"
                    + (problems.connectFailures.isEmpty && problems.loginFailures.isEmpty
                        ? " (see the error rows of the summary)" : " (see the failures above)"))
        } else if code == ExitCodes.limited && incomplete {
            printError("imapbench: the merged result lacks a shard (see above): exit code \(ExitCodes.limited)")
        } else if code == ExitCodes.limited {
            printError(
                "imapbench: this run should not be believed (see the health lines of the summary): exit code "
                    + "\(ExitCodes.limited); --allow-limited exits 0 instead")
        }
        return code
    }
}

extension RunExecution {
    /// A setup command the server's capabilities ruled out goes into run.json's notes too, so a
    /// result read later says why its ENABLE or ID rows are missing.
    static func noteMissingCapabilities(_ problems: SessionProblems, in result: inout RunResult) {
        for (capability, sessions) in problems.missingCapabilities {
            result.configuration.notes["skipped_\(capability.lowercased())"] =
                "the server does not advertise \(capability): not sent in \(sessions) sessions"
        }
    }

    /// Whether any command, setup included, ended OK anywhere in the run.
    static func anyCommandSucceeded(_ result: RunResult) -> Bool {
        let analysis = RunAnalysis(result)
        return analysis.histogram(where: { $0.group == .command && $0.outcome == .ok }, in: analysis.runSeries)
            .totalCount > 0
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
