import Driver
import Foundation
import IMAPServer
import Measurement
import Workload

/// Runs a profile (YAML text) against an embedded server configured by the test.
enum EmbeddedRun {
    static func run(
        yaml: String, server configure: (inout ServerConfiguration) -> Void = { _ in },
        plan adjust: (inout RunPlan) -> Void = { _ in },
        observer: IntervalObserver? = nil,
        during: (@Sendable (EmbeddedIMAPServer, RunController) async -> Void)? = nil
    ) async throws -> RunResult {
        var configuration = ServerConfiguration()
        configuration.users = 20
        configuration.messagesPerMailbox = 20
        configuration.threads = 1
        configure(&configuration)
        let server = try await EmbeddedIMAPServer.start(configuration)
        let profile = try ProfileLoader.load(yaml: yaml, source: "test.yaml")
        var overrides = RunOverrides()
        overrides.seed = 42
        overrides.threads = 1
        var plan = try RunPlan(
            profileName: "test", resolved: profile, overrides: overrides, host: "127.0.0.1", port: server.port)
        adjust(&plan)
        let collector = RunCollector(configuration: RunConfigurationRecord(profileName: "test", threads: 1, cores: 2))
        collector.observer = observer
        let controller = RunController(plan: plan, behaviour: SessionBehaviour(profile: profile), collector: collector)
        { _ in }
        async let result = controller.run()
        if let during { await during(server, controller) }
        let finished = try await result
        try await server.stop()
        return finished
    }

    /// The merged histogram of one metric over the measured window (or the whole run when
    /// `wholeRun`), for all commands of `name` (or all commands when nil), all outcomes (or one).
    static func histogram(
        _ result: RunResult, metric: Metric, command: String? = nil, outcome: Outcome? = nil, wholeRun: Bool = false
    ) -> SparseHistogram {
        let analysis = RunAnalysis(result)
        return analysis.histogram(
            where: { key in
                key.group == .command && key.metric == metric && (command == nil || key.name == command)
                    && (outcome == nil || key.outcome == outcome)
            }, in: wholeRun ? analysis.runSeries : nil)
    }
}
