import Driver
import Foundation
import IMAPServer
import Measurement
import Workload

/// Runs a profile (YAML text) against an embedded server configured by the test.
enum EmbeddedRun {
    static func run(
        yaml: String, server configure: (inout ServerConfiguration) -> Void = { _ in },
        during: (@Sendable (EmbeddedIMAPServer) async -> Void)? = nil
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
        let plan = try RunPlan(profileName: "test", resolved: profile, overrides: overrides, host: "127.0.0.1", port: server.port)
        let collector = RunCollector(configuration: RunConfigurationRecord(profileName: "test", threads: 1, cores: 2))
        let controller = RunController(plan: plan, behaviour: SessionBehaviour(profile: profile), collector: collector) { _ in }
        async let result = controller.run()
        if let during { await during(server) }
        let finished = try await result
        try await server.stop()
        return finished
    }

    /// The merged histogram of one metric over the measured window, for all commands of `name`
    /// (or all commands when nil), all outcomes.
    static func histogram(_ result: RunResult, metric: Metric, command: String? = nil) -> SparseHistogram {
        RunAnalysis(result).histogram(where: { key in
            key.group == .command && key.metric == metric && (command == nil || key.name == command)
        })
    }
}
