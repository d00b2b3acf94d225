/// Documented limits beyond which the generator, not the server, may have set the numbers.
public enum HealthLimits {
    /// Send lag p99 above 10 ms: commands left late because the generator was busy. This is the
    /// generator's own send lag (`generator:send_lag`): waits for a full pipeline or for RFC 3501
    /// §5.5 ordering are the server's, and stay in each command's `send_lag` and response time.
    public static let sendLagP99Micros: UInt64 = 10_000
    /// Hiccup p99 above 5 ms: event loops woke late (GC-free Swift, so CPU starvation or swapping).
    /// The meter is a timer per loop that records how late it woke, every 5 ms while commands
    /// complete on the loop (every 50 ms while none does): a stall of D is recorded as D - 5 ms
    /// to D, so every stall above this limit covers a wake-up and is seen; shorter ones are seen
    /// when they happen to cover one (with probability D / 5 ms).
    public static let hiccupP99Micros: UInt64 = 5_000
    /// Process CPU above 90% of the cores the generator's threads can use, in the measured window.
    public static let cpuFraction = 0.9
}

/// The generator's own health over the measured window, and whether it limited the run.
public struct GeneratorHealth: Codable, Sendable, Equatable {
    /// p99 of the generator's own send lag (`generator:send_lag`), in microseconds.
    public var sendLagP99Micros: UInt64
    public var hiccupP99Micros: UInt64
    /// Process CPU as a fraction of the cores the generator's threads can use (min(threads, cores);
    /// all cores with the embedded server in the process): 1.0 = all of them busy.
    public var cpuFraction: Double
    public var maxOpenFiles: Int
    public var droppedCommands: UInt64
    public var skippedOperations: UInt64
    public var outOfRangeValues: UInt64
    /// Human-readable breaches of `HealthLimits`; empty when healthy.
    public var breaches: [String]

    /// True when a limit was breached: the run is "limited by the generator".
    public var isLimitedByGenerator: Bool { !breaches.isEmpty }

    /// The verdict as separate sentences, each blaming one party: the generator's own limits
    /// first, then the commands dropped unsent, which are not the generator's doing. One sentence
    /// naming both once read as if the generator had dropped them.
    public var verdictLines: [String] {
        var lines = [
            isLimitedByGenerator
                ? "LIMITED BY THE GENERATOR: " + breaches.joined(separator: "; ") + "." : "generator healthy."
        ]
        guard droppedCommands > 0 else { return lines }
        // not a breach: a session's due commands only pile up while the server holds it (a full
        // pipeline, an IDLE, a reconnect) and arrivals only beyond the session cap; but those
        // commands have no latency, so the percentiles understate, and the verdict must say so
        lines.append(
            "\(droppedCommands) commands dropped unsent: they came due while the server held their session "
                + "(a full pipeline, an IDLE, a reconnect) or arrived beyond the session cap; they have no latency, "
                + "so the percentiles understate.")
        return lines
    }

    /// The verdict in one line, its sentences in the order of `verdictLines`.
    public var verdict: String { verdictLines.joined(separator: " ") }

    public init(_ analysis: RunAnalysis) {
        let measured = analysis.measured
        sendLagP99Micros = Self.ownSendLagP99(analysis)
        hiccupP99Micros = analysis.histogram(where: { $0 == LatencyRecorder.hiccupSeries }).value(atPercentile: 99)
        let configuration = analysis.result.configuration
        let embedded = configuration.notes[RunConfigurationRecord.embeddedServerNote] != nil
        // the generator can use at most one core per event-loop thread (`--threads 2` on 16 cores
        // is saturated at 12.5% of all cores); with the embedded server inside, all cores
        let cores = Double(max(1, embedded ? configuration.cores : min(configuration.threads, configuration.cores)))
        let cpu = measured.reduce(0) { $0 + $1.processCPUSeconds }
        cpuFraction = analysis.measuredSeconds > 0 ? cpu / (analysis.measuredSeconds * cores) : 0
        maxOpenFiles = measured.map(\.openFiles).max() ?? 0
        // the whole run: commands still due when a stall reached the end of the hold are dropped
        // at the stop, in the interval after the measured window, and must not go unmentioned
        droppedCommands = analysis.result.intervals.reduce(0) { $0 + $1.dropped.values.reduce(0, +) }
        skippedOperations = measured.reduce(0) { $0 + $1.skipped.reduce(0) { $0 + $1.count } }
        outOfRangeValues = measured.reduce(0) { $0 + $1.outOfRange.values.reduce(0, +) }
        breaches = []
        if sendLagP99Micros > HealthLimits.sendLagP99Micros {
            breaches.append("send-lag p99 \(sendLagP99Micros) us > \(HealthLimits.sendLagP99Micros) us")
        }
        if hiccupP99Micros > HealthLimits.hiccupP99Micros {
            breaches.append("hiccup p99 \(hiccupP99Micros) us > \(HealthLimits.hiccupP99Micros) us")
        }
        if cpuFraction > HealthLimits.cpuFraction {
            // with the embedded server in this process the CPU is shared: say so, the breach stands
            let shared =
                embedded
                ? ", shared with the in-process embedded server (use `imapbench serve` for figures)" : ""
            breaches.append(
                "process CPU \(Int(cpuFraction * 100))% of \(Int(cores)) cores > \(Int(HealthLimits.cpuFraction * 100))%\(shared)"
            )
        }
    }

    /// The generator's own send lag; runs recorded before that series existed fall back to the
    /// commands' send lag, which also holds the server's waits.
    private static func ownSendLagP99(_ analysis: RunAnalysis) -> UInt64 {
        let own = analysis.histogram(where: { $0 == LatencyRecorder.ownSendLagSeries })
        if own.totalCount > 0 { return own.value(atPercentile: 99) }
        return analysis.histogram(where: { $0.group == .command && $0.metric == .sendLag }).value(atPercentile: 99)
    }
}
