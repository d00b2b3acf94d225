import Driver
import IMAPServer
import Measurement
import NIOCore
import NIOPosix
import Workload

/// Measures imapbench's own latency error against a server whose delay is known exactly.
///
/// One session sends NOOP after NOOP, closed model, depth 1, to the embedded server, which
/// holds every reply for `delay`. Two things keep the platform out of the figure:
/// - server and session share one event loop, so no sleeping thread has to be woken between
///   them (on virtual machines that wake-up alone costs 50-200 us per hop);
/// - the server busy-waits the end of each delay (`ServerConfiguration.preciseDelays`), since a
///   timer on such machines fires up to 100 us late.
/// What remains above `delay` is imapbench's own cost: encoding, the loopback round trip, parsing
/// and recording. A user can run it on the machine that will generate load (`imapbench calibrate`).
public struct DelayCalibration: Sendable {
    public var delay: Duration
    public var duration: Duration
    public var warmup: Duration

    /// `delay` must be positive: the error is reported as a fraction of it.
    public init(delay: Duration = .milliseconds(5), duration: Duration = .seconds(5), warmup: Duration = .seconds(1)) {
        self.delay = delay
        self.duration = duration
        self.warmup = warmup
    }

    public func run() async throws -> DelayCalibrationResult {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let result = try await run(on: group)
            try await group.shutdownGracefully()
            return result
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private func run(on group: EventLoopGroup) async throws -> DelayCalibrationResult {
        var configuration = ServerConfiguration()
        configuration.users = 1
        configuration.messagesPerMailbox = 1
        configuration.startTLS = false
        configuration.eventLoopGroup = group
        configuration.delays = [DelaySpec(command: "NOOP", distribution: .constant(delay))]
        configuration.preciseDelays = true
        let server = try await EmbeddedIMAPServer.start(configuration)
        do {
            var result = try await measure(port: server.port, group: group)
            result.serverLateness = server.delayLateness().map {
                (p50Micros: Double($0.p50) / 1_000, maxMicros: Double($0.max) / 1_000)
            }
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    private func measure(port: Int, group: EventLoopGroup) async throws -> DelayCalibrationResult {
        let profile = try ProfileLoader.load(yaml: profileYAML, source: "calibration")
        var overrides = RunOverrides()
        overrides.seed = 1
        overrides.threads = 1
        let plan = try RunPlan(
            profileName: "calibration", resolved: profile, overrides: overrides, host: "127.0.0.1", port: port)
        let collector = RunCollector(
            configuration: RunConfigurationRecord(profileName: "calibration", threads: 1, cores: 1))
        let controller = RunController(
            plan: plan, behaviour: SessionBehaviour(profile: profile), collector: collector, eventLoopGroup: group
        ) { _ in }
        let analysis = RunAnalysis(try await controller.run())
        func statistics(_ metric: Metric) -> LatencyStatistics {
            LatencyStatistics(
                analysis.histogram(where: { $0.group == .command && $0.name == "NOOP" && $0.metric == metric }))
        }
        return DelayCalibrationResult(
            delayMicros: Double(Self.nanoseconds(delay)) / 1_000, response: statistics(.response),
            service: statistics(.service), sendLag: statistics(.sendLag), errors: analysis.totalErrors)
    }

    private var profileYAML: String {
        """
        users: {pattern: "user%d", range: 1-1, password: pass}
        connection: {mailbox: INBOX, open: select}
        load: {model: closed, sessions: 1, think_time: none, pipeline_depth: 1}
        phases: {warmup: \(Self.milliseconds(warmup))ms, duration: \(Self.milliseconds(duration))ms}
        operations:
          - type: noop
        """
    }

    private static func milliseconds(_ duration: Duration) -> Int64 { nanoseconds(duration) / 1_000_000 }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

/// What a calibration measured, in microseconds.
public struct DelayCalibrationResult: Sendable {
    public var delayMicros: Double
    public var response: LatencyStatistics
    public var service: LatencyStatistics
    public var sendLag: LatencyStatistics
    public var errors: UInt64
    /// How late the server itself ended its delays (median and maximum): what it adds, not imapbench.
    public var serverLateness: (p50Micros: Double, maxMicros: Double)?

    public init(
        delayMicros: Double, response: LatencyStatistics, service: LatencyStatistics, sendLag: LatencyStatistics,
        errors: UInt64
    ) {
        self.delayMicros = delayMicros
        self.response = response
        self.service = service
        self.sendLag = sendLag
        self.errors = errors
    }

    /// How far the measured response-time p50 lies above the known delay, as a fraction of it.
    public var p50Error: Double { (Double(response.p50) - delayMicros) / delayMicros }
}
