import Foundation

/// Reads a depth sweep: does the server work on pipelined commands concurrently or one by one,
/// where does the throughput gain saturate, and does it lose commands?
public struct PipelineVerdict: Sendable, Codable, Hashable {
    public enum Handling: String, Sendable, Codable, Hashable {
        /// Completions arrived out of order, or the k-th command's latency hardly grows with k.
        case concurrent
        /// Each further command in a burst waits for the one before it.
        case serial
        case partlySerial = "partly-serial"
        /// All answers of a burst arrive together, but a burst takes about depth times one
        /// command: the server works through the burst one by one and flushes the replies at once.
        case batched
        /// No depth above 1 gave usable samples.
        case undetermined
    }

    /// A growth ratio at or above this means one command at a time.
    public static let serialRatio = 0.5
    /// At or below this, commands overlap.
    public static let concurrentRatio = 0.2
    /// A burst whose last answer takes at least this share of depth x (lone command) did the work one by one.
    public static let batchedShare = 0.5
    /// Saturation: the smallest depth reaching this share of the best throughput.
    public static let saturationShare = 0.9

    public var handling: Handling
    public var saturationDepth: Int?
    public var lostTags: Int
    public var outOfOrderBursts: Int
    public var line: String

    public init(depths: [PipelineDepthResult]) {
        lostTags = depths.reduce(0) { $0 + $1.lost }
        outOfOrderBursts = depths.reduce(0) { $0 + $1.outOfOrderBursts }
        let deepest =
            depths.filter { $0.depth >= 4 && $0.bursts > 0 }.max { $0.depth < $1.depth }
            ?? depths.filter { $0.depth >= 2 && $0.bursts > 0 }.max { $0.depth < $1.depth }
        handling = Self.handling(deepest: deepest, depths: depths, outOfOrder: outOfOrderBursts)
        let best = depths.map(\.throughputPerSecond).max() ?? 0
        saturationDepth =
            best > 0
            ? depths.sorted { $0.depth < $1.depth }
                .first { $0.throughputPerSecond >= best * Self.saturationShare }?.depth : nil
        line = Self.sentence(
            handling: handling, deepest: deepest, depths: depths, saturation: saturationDepth,
            lost: lostTags, outOfOrder: outOfOrderBursts)
    }

    private static func handling(
        deepest: PipelineDepthResult?, depths: [PipelineDepthResult], outOfOrder: Int
    ) -> Handling {
        if outOfOrder > 0 { return .concurrent }
        guard let deepest else { return .undetermined }
        if deepest.growthRatio >= serialRatio { return .serial }
        if deepest.growthRatio > concurrentRatio { return .partlySerial }
        return burstShare(deepest, depths) >= batchedShare ? .batched : .concurrent
    }

    /// The deepest burst's last answer over (depth x the shallowest depth's lone-command latency).
    static func burstShare(_ deepest: PipelineDepthResult, _ depths: [PipelineDepthResult]) -> Double {
        guard
            let lone = depths.filter({ $0.bursts > 0 }).min(by: { $0.depth < $1.depth })?.medianByPositionMicros.first,
            lone > 0, let last = deepest.medianByPositionMicros.last
        else { return 0 }
        return last / (lone * Double(deepest.depth))
    }

    private static func sentence(
        handling: Handling, deepest: PipelineDepthResult?, depths: [PipelineDepthResult],
        saturation: Int?, lost: Int, outOfOrder: Int
    ) -> String {
        var parts: [String] = []
        let growth =
            deepest.map {
                String(
                    format: "k-th latency +%.0f µs per position at depth %d, %.0f%% of a lone command",
                    $0.growthPerPositionMicros, $0.depth, $0.growthRatio * 100)
            } ?? ""
        switch handling {
        case .serial: parts.append("server handles pipelined commands one by one (serial): \(growth)")
        case .partlySerial: parts.append("server handles pipelined commands partly serially: \(growth)")
        case .batched:
            let share = deepest.map { burstShare($0, depths) * 100 } ?? 0
            parts.append(
                String(
                    format: "server works through pipelined commands one by one and sends the answers together "
                        + "(batched): a burst's last answer takes %.0f%% of depth x a lone command; %@", share, growth))
        case .concurrent where outOfOrder > 0:
            parts.append("server handles pipelined commands concurrently: \(outOfOrder) bursts completed out of order")
        case .concurrent:
            parts.append("server handles pipelined commands concurrently: \(growth); completions in order")
        case .undetermined: parts.append("pipelined handling undetermined (no depth above 1 completed a burst)")
        }
        if let saturation, let first = depths.min(by: { $0.depth < $1.depth }), first.throughputPerSecond > 0,
            let at = depths.first(where: { $0.depth == saturation })
        {
            parts.append(
                String(
                    format: "throughput saturates at depth %d (%.0f cmd/s, x%.1f over depth %d)",
                    saturation, at.throughputPerSecond, at.throughputPerSecond / first.throughputPerSecond, first.depth)
            )
        }
        if lost > 0 {
            let where_ = depths.filter { $0.lost > 0 }.map { "depth \($0.depth): \($0.lost)" }.joined(separator: ", ")
            parts.append("LOSES pipelined commands: \(lost) tags never answered (\(where_))")
        } else {
            parts.append("no lost tags")
        }
        return parts.joined(separator: "; ")
    }
}
