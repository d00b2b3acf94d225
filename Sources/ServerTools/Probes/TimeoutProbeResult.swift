import Foundation
import IMAPClient

/// Everything `probe timeout` found, as written into run.json.
public struct TimeoutProbeResult: Sendable, Codable {
    /// The probe's settings, without secrets.
    public struct Settings: Sendable, Codable {
        public var host: String
        public var port: Int
        public var users: [String]
        public var mailbox: String
        public var maxWaitSeconds: Double
        public var keepAliveSeconds: Double

        init(_ configuration: TimeoutProbe.Configuration) {
            host = configuration.connection.host
            port = configuration.connection.port
            users = Array(Set(configuration.credentials.prefix(configuration.states.count).map(\.user))).sorted()
            mailbox = configuration.mailbox
            maxWaitSeconds = configuration.maxWaitSeconds
            keepAliveSeconds = configuration.keepAliveSeconds
        }
    }

    public var kind = "probe-timeout"
    public var configuration: Settings
    public var startWall: Date
    public var endWall: Date
    public var findings: [TimeoutFinding]
    public var verdicts: [String]

    public init(configuration: Settings, startWall: Date, endWall: Date, findings: [TimeoutFinding]) {
        self.configuration = configuration
        self.startWall = startWall
        self.endWall = endWall
        self.findings = findings
        self.verdicts = TimeoutVerdict.lines(
            findings: findings, maxWaitSeconds: configuration.maxWaitSeconds,
            keepAliveSeconds: configuration.keepAliveSeconds)
    }

    public func finding(for state: TimeoutProbeState) -> TimeoutFinding? {
        findings.first { $0.state == state }
    }
}
