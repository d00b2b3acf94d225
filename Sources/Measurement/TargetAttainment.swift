import Foundation

/// Whether a run reached the load it was asked for: sessions connected at once, and in the open
/// model the offered command rate, over the measured window.
///
/// A shortfall is not the generator's breach (`GeneratorHealth`): sessions that could not connect
/// were refused by the server or by this machine (the open-file limit, ports, memory), and a rate
/// not achieved may be the server's as well as the generator's. Either way the numbers describe a
/// lighter load than the one asked for, and the run must say so.
public struct TargetAttainment: Codable, Sendable, Equatable {
    /// Share of a target below which the run did not reach it (95%): the slack is for sessions
    /// between two lives (a reconnect) and for a schedule that rounds at the window's edges.
    public static let reachedFraction = 0.95

    /// Sessions asked for; nil when the run asked only for session arrivals.
    public var targetSessions: Int?
    /// The most sessions connected at once in the measured window.
    public var reachedSessions: Int
    /// Offered commands per second (open model); nil in the closed model.
    public var offeredRate: Double?
    /// Completed commands per second (every outcome) over the measured window.
    public var achievedRate: Double
    /// Human-readable shortfalls; empty when every target was reached.
    public var shortfalls: [String]

    /// True when a target was missed: the run measured less load than it was asked for.
    public var isShort: Bool { !shortfalls.isEmpty }

    public init(_ analysis: RunAnalysis) {
        let configuration = analysis.result.configuration
        targetSessions = configuration.targetSessions
        reachedSessions = analysis.measured.map(\.sessionsPeak).max() ?? 0
        offeredRate = configuration.offeredRate.flatMap { $0 > 0 ? $0 : nil }
        achievedRate = analysis.commandRate
        shortfalls = []
        if let target = targetSessions, Double(reachedSessions) < Double(target) * Self.reachedFraction {
            shortfalls.append(
                "\(reachedSessions) of \(target) sessions connected at peak: the server or this machine "
                    + "refused the others (connection failures, open-file limit), not necessarily the generator's CPU")
        }
        if let offered = offeredRate, achievedRate < offered * Self.reachedFraction {
            shortfalls.append("achieved \(Self.rate(achievedRate)) of the offered \(Self.rate(offered)) commands")
        }
    }

    /// "sessions: target 1000, reached 239 at peak"; nil when the run had no session target.
    public var sessionsLine: String? {
        targetSessions.map { "sessions: target \($0), reached \(reachedSessions) at peak in the measured window" }
    }

    /// "rate: offered 5000/s, achieved 4987/s" (open model); nil in the closed model.
    public var rateLine: String? {
        offeredRate.map { "rate: offered \(Self.rate($0)), achieved \(Self.rate(achievedRate))" }
    }

    /// The load asked for against the load reached, for the console and report.html.
    public var lines: [String] { [sessionsLine, rateLine].compactMap { $0 } }

    /// The verdict line, attributed to the target and never to the generator.
    public var verdict: String? {
        isShort ? "TARGET NOT REACHED: " + shortfalls.joined(separator: "; ") + "." : nil
    }

    /// "5000/s", or "12.5/s" for rates below 100.
    public static func rate(_ value: Double) -> String {
        value >= 100 ? "\(Int(value.rounded()))/s" : String(format: "%.1f/s", value)
    }
}
