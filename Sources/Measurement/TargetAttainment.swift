import Foundation

/// Whether a run reached the load it was asked for: sessions connected (each interval's
/// `peakSessions`), and in the open model the offered command rate, over the measured window.
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
    /// The most sessions connected during one interval of the measured window (see `IntervalRecord.peakSessions`).
    public var reachedSessions: Int
    /// Offered commands per second (open model); nil in the closed model.
    public var offeredRate: Double?
    /// Completed commands per second (every outcome) over the measured window.
    public var achievedRate: Double
    /// The pipeline depth asked for; nil when it is 1 (no pipelining) or was not recorded.
    public var pipelineDepth: Int?
    /// Commands on the wire per logged-in session on average over the measured window, by
    /// Little's law: the service times of the commands sent once logged in, added up, over the
    /// logged-in session-seconds (`PipelineOccupancy`; runs recorded before it was kept: all
    /// commands' service times over the sessions sampled at each interval's end). Nil without a
    /// pipeline depth or without service times.
    ///
    /// Why: the depth is a ceiling, not what runs. RFC 3501 §5.5 holds a sequence-number command
    /// behind any command that may expunge, think time and the open model's pace leave gaps, and
    /// a run that asked for 16 may have kept 4 in flight; nothing else in the result says so.
    public var meanInFlight: Double?
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
        (pipelineDepth, meanInFlight) = Self.pipelineUse(analysis)
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

    /// "pipeline: depth 16, 15.2 commands in flight per session on average"; nil without pipelining.
    public var pipelineLine: String? {
        guard let depth = pipelineDepth, let mean = meanInFlight else { return nil }
        return "pipeline: depth \(depth), \(String(format: "%.1f", mean)) commands in flight per session on average "
            + "(service times, Little's law)"
    }

    /// The load asked for against the load reached, for the console and report.html.
    public var lines: [String] { [sessionsLine, rateLine, pipelineLine].compactMap { $0 } }

    private static func pipelineUse(_ analysis: RunAnalysis) -> (depth: Int?, meanInFlight: Double?) {
        guard let depth = analysis.result.configuration.pipelineDepth, depth > 1 else { return (nil, nil) }
        let occupancies = analysis.measured.compactMap(\.pipelineOccupancy)
        if !occupancies.isEmpty, occupancies.count == analysis.measured.count {
            let total = occupancies.reduce(into: PipelineOccupancy()) { $0.merge($1) }
            let connected = total.connectedSessionSeconds
            return (depth, connected > 0 ? total.mixServiceSeconds / connected : nil)
        }
        // runs recorded before the occupancy was kept: sessions sampled at each interval's end
        let sessionSeconds = analysis.measured.reduce(0.0) { $0 + Double($1.sessions) * $1.length }
        let service = analysis.histogram { $0.group == .command && $0.metric == .service }
        guard sessionSeconds > 0, !service.isEmpty else { return (depth, nil) }
        // histograms hold microseconds
        let busySeconds = service.mean * Double(service.totalCount) / 1e6
        return (depth, busySeconds / sessionSeconds)
    }

    /// The verdict line, attributed to the target and never to the generator.
    public var verdict: String? {
        isShort ? "TARGET NOT REACHED: " + shortfalls.joined(separator: "; ") + "." : nil
    }

    /// "5000/s", or "12.5/s" for rates below 100.
    public static func rate(_ value: Double) -> String {
        value >= 100 ? "\(Int(value.rounded()))/s" : String(format: "%.1f/s", value)
    }
}
