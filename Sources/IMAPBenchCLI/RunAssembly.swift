import Driver
import Foundation
import Measurement

/// Everything a run is made of, assembled in one place from the checked request and the target
/// it reached: the plan the sessions follow, their behaviour, and the configuration record that
/// run.json keeps. Before, the plan was built in one place, patched in another (session cap,
/// embedded CA, protocol log) and described in a third, and they could drift apart.
struct RunAssembly {
    var plan: RunPlan
    var behaviour: SessionBehaviour
    var record: RunConfigurationRecord
    /// The sessions asked for, before any `--allow-limited` cap: the summary says how far short the run fell.
    var targetSessions: Int

    init(
        request: RunRequest, target: (host: String, port: Int), embeddedCertificate: String?, embedded: Bool,
        sessionCap: Int?, protocolLog: ProtocolLogFile?
    ) throws {
        plan = try RunPlan(
            profileName: request.profileName, resolved: request.profile, overrides: request.overrides,
            host: target.host, port: target.port)
        targetSessions = plan.longLivedSessionCount
        if let sessionCap { plan.limitSessions(to: sessionCap) }
        if let embeddedCertificate, plan.connection.caFile == nil { plan.connection.caFile = embeddedCertificate }
        if let protocolLog { plan.protocolLogFactory = { protocolLog.logger() } }
        behaviour = SessionBehaviour(profile: request.profile)
        record = Self.record(
            request: request, plan: plan, target: target, embedded: embedded,
            targetSessions: targetSessions)
    }

    /// run.json's `configuration`: what was asked, of whom, with what, and the load model's terms.
    static func record(
        request: RunRequest, plan: RunPlan, target: (host: String, port: Int), embedded: Bool, targetSessions: Int
    ) -> RunConfigurationRecord {
        let model: String
        var offered: Double? = nil
        switch plan.load {
        case .closed: model = "closed"
        case .open(_, let rate, _, _):
            model = "open"
            offered = rate
        }
        var notes: [String: String] = [:]
        if embedded {
            notes[RunConfigurationRecord.embeddedServerNote] = "in-process: process CPU includes the server's"
        }
        return RunConfigurationRecord(
            runID: request.outDirectory.lastPathComponent, profileName: request.profileName,
            resolvedProfile: ResolvedProfileText.render(request.profile),
            commandLine: request.commandLine,
            versions: ["imapbench": IMAPBenchVersion.current, "swift": SwiftVersion.description],
            host: ProcessInfo.processInfo.hostName,
            target: embedded ? "embedded \(target.host):\(target.port)" : "\(target.host):\(target.port)",
            seed: plan.seed, loadModel: model, offeredRate: offered,
            latePolicy: model == "open"
                ? "keep late commands with their intended time; drop beyond \(plan.maxLateCommands) due per session"
                : nil,
            threads: plan.threads, cores: ProcessInfo.processInfo.activeProcessorCount,
            intervalSeconds: plan.intervalSeconds, thresholds: request.thresholds,
            segment: request.overrides.segment.map { $0.description }, notes: notes,
            targetSessions: targetSessions > 0 ? targetSessions : nil, pipelineDepth: request.profile.load.pipelineDepth
        )
    }
}
