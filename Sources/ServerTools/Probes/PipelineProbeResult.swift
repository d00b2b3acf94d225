import Foundation
import IMAPClient

/// Everything `probe pipeline` measured, as written into run.json.
public struct PipelineProbeResult: Sendable, Codable {
    /// The probe's settings, without secrets.
    public struct Settings: Sendable, Codable {
        public var host: String
        public var port: Int
        public var mailbox: String
        public var mix: [String]
        public var depths: [Int]
        public var sessions: Int
        public var warmupSeconds: Double
        public var stepSeconds: Double
        public var commandTimeoutSeconds: Double
        public var seed: UInt64

        init(_ configuration: PipelineProbe.Configuration) {
            host = configuration.connection.host
            port = configuration.connection.port
            mailbox = configuration.mailbox
            switch configuration.mix {
            case .commands(let commands): mix = commands.map(\.name)
            case .profile(let profile): mix = profile.operations.map { "\($0.name):\($0.weight)" }
            }
            depths = configuration.depths
            sessions = configuration.sessions
            warmupSeconds = configuration.warmupSeconds
            stepSeconds = configuration.stepSeconds
            commandTimeoutSeconds = configuration.commandTimeoutSeconds
            seed = configuration.seed
        }
    }

    public var kind = "probe-pipeline"
    public var settings: Settings
    public var startWall: Date
    public var endWall: Date
    public var depths: [PipelineDepthResult]
    public var verdict: PipelineVerdict

    public init(settings: Settings, startWall: Date, endWall: Date, depths: [PipelineDepthResult]) {
        self.settings = settings
        self.startWall = startWall
        self.endWall = endWall
        self.depths = depths
        self.verdict = PipelineVerdict(depths: depths)
    }

    /// The table printed on stdout, ending with the one-line verdict.
    public var summary: String {
        var lines = [
            "depth  sessions  cmd/s       p50_us     p99_us     errors  lost  burst  out-of-order  growth/pos_us"
        ]
        for depth in depths {
            let all = depth.all
            lines.append(
                [
                    pad(String(depth.depth), 7), pad(String(depth.sessions), 10),
                    pad(String(format: "%.0f", depth.throughputPerSecond), 12),
                    pad(micros(all?.p50Micros), 11), pad(micros(all?.p99Micros), 11), pad(String(depth.errors), 8),
                    pad(String(depth.lost), 6), pad(String(format: "%.1f", depth.meanBurstSize), 7),
                    pad("\(depth.outOfOrderBursts)/\(depth.bursts)", 14),
                    String(format: "%.1f", depth.growthPerPositionMicros),
                ].joined())
        }
        let problems = Array(Set(depths.flatMap(\.problems))).sorted().prefix(5).map { "note: \($0)" }
        return (lines + problems + ["verdict: \(verdict.line)"]).joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0)
    }
    private func micros(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "-" }
}
