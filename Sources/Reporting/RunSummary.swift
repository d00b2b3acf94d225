import Foundation
import Measurement

/// The end-of-run summary as one value: what `--summary-json` writes (as k6's
/// `--summary-export`) and what report.html shows. Times in milliseconds, rates per second,
/// all over the measured window; the schema is documented in Results/README.md.
public struct RunSummary: Codable, Sendable, Equatable {
    public var format = "imapbench-summary-1"
    public var runID: String
    public var profile: String
    public var server: String
    /// "open" (rate-driven, latency from the intended send time) or "closed".
    public var loadModel: String
    public var seed: UInt64?
    public var imapbenchVersion: String
    /// The command line, secrets masked as `***`.
    public var commandLine: [String]
    public var startedAt: Date
    public var durationSeconds: Double
    public var measuredSeconds: Double
    public var interrupted: Bool
    /// `pass`, `threshold_failed`, `limited` (should not be believed), `interrupted`, `nothing_succeeded`.
    public var verdict: String
    public var verdictText: String
    public var totals: Totals
    public var commands: [Command]
    public var errorsByOutcome: [String: UInt64]
    public var health: GeneratorHealth
    public var healthLines: [String]
    public var targets: TargetAttainment?
    public var thresholds: [ThresholdVerdict]
    /// What the consistency checks found; nil when they were off.
    public var checks: Checks?

    /// The consistency checks' result for scripts: `violations` counts errors, `warnings` the rest.
    public struct Checks: Codable, Sendable, Equatable {
        public var violations: UInt64
        public var warnings: UInt64
        public var observed: UInt64
        public var byID: [String: UInt64]
        /// Checkpoints that compared sessions, and those given up (a session not quiet in time).
        public var checkpoints: UInt64
        public var checkpointsAbandoned: UInt64
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var commands: UInt64
        public var errors: UInt64
        public var errorFraction: Double
        public var ratePerSecond: Double
        public var offeredRatePerSecond: Double?
        public var sessionsTarget: Int?
        public var sessionsReached: Int
        public var bytesIn: UInt64
        public var bytesOut: UInt64
    }

    /// One command kind, all outcomes; the errors split by outcome.
    public struct Command: Codable, Sendable, Equatable {
        public var command: String
        public var count: UInt64
        public var ratePerSecond: Double
        public var p50Ms: Double
        public var p90Ms: Double
        public var p99Ms: Double
        public var p99_9Ms: Double
        public var maxMs: Double
        public var errors: UInt64
        public var errorsByOutcome: [String: UInt64]
        public var bytesIn: UInt64
        public var bytesOut: UInt64
    }

    public init(_ document: RunDocument) {
        let run = document.run
        let configuration = run.configuration
        runID = configuration.runID
        profile = configuration.profileName
        server = configuration.target
        loadModel = configuration.loadModel
        seed = configuration.seed
        imapbenchVersion = configuration.versions["imapbench"] ?? "unknown"
        commandLine = Self.redacted(configuration.commandLine)
        startedAt = run.startWall
        durationSeconds = run.durationSeconds
        measuredSeconds = document.measuredWindow.seconds
        interrupted = run.interrupted
        (verdict, verdictText) = Self.verdict(document)
        checks = run.checks.map { tally in
            Checks(
                violations: tally.errorCount, warnings: tally.warningCount, observed: tally.observed,
                byID: Dictionary(uniqueKeysWithValues: tally.counts.map { ($0.key.rawValue, $0.value) }),
                checkpoints: tally.checkpoints, checkpointsAbandoned: tally.checkpointsAbandoned)
        }
        let traffic = Self.traffic(run.measuredIntervals)
        commands = Self.commands(document.summary, traffic: traffic)
        errorsByOutcome = commands.reduce(into: [:]) { sums, command in
            for (outcome, count) in command.errorsByOutcome { sums[outcome, default: 0] += count }
        }
        let bytes = traffic.values.reduce(TrafficCounters()) {
            var sum = $0; sum.add($1); return sum
        }
        totals = Totals(
            commands: document.totals.commands, errors: document.totals.errors,
            errorFraction: document.totals.errorFraction,
            ratePerSecond: document.totals.commandsPerSecond, offeredRatePerSecond: document.totals.offeredRate,
            sessionsTarget: document.targets?.targetSessions, sessionsReached: document.targets?.reachedSessions ?? 0,
            bytesIn: bytes.bytesIn, bytesOut: bytes.bytesOut)
        health = document.health
        healthLines = document.healthLines
        targets = document.targets
        thresholds = document.thresholds
    }

    /// The summary as pretty, key-sorted JSON with snake_case keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// The run's verdict in the order the exit code decides it (README: exit codes).
    static func verdict(_ document: RunDocument) -> (String, String) {
        let succeeded = document.run.intervals.contains { interval in
            interval.histograms.contains {
                $0.key.group == .command && $0.key.outcome == .ok && $0.value.totalCount > 0
            }
        }
        if !succeeded { return ("nothing_succeeded", "NOTHING SUCCEEDED: no command ended OK") }
        if document.run.interrupted { return ("interrupted", "INTERRUPTED: results cover the time until the stop") }
        if let failed = document.thresholds.first(where: { !$0.passed }) {
            return ("threshold_failed", "THRESHOLD FAILED: \(failed.threshold) (\(failed.detail))")
        }
        if document.isLimited {
            return (
                "limited",
                "NOT TO BE BELIEVED: "
                    + document.healthLines.filter { !$0.hasPrefix("generator healthy") }.joined(separator: " ")
            )
        }
        return (
            "pass",
            document.thresholds.isEmpty ? "PASS: healthy generator, targets reached" : "PASS: every threshold held"
        )
    }

    /// Per command kind (all outcomes), with the outcome rows folded into `errorsByOutcome`.
    static func commands(_ rows: [SummaryRow], traffic: [String: TrafficCounters]) -> [Command] {
        let commandRows = rows.filter { $0.kind == .command }
        return commandRows.filter { $0.outcome == "all" }.map { row in
            let stats = row.statistics
            let errors = commandRows.filter { $0.label == row.label && $0.outcome != "all" && $0.errors > 0 }
            let counters = traffic[row.label] ?? TrafficCounters()
            return Command(
                command: row.label, count: stats.count + row.outOfRange, ratePerSecond: row.ratePerSecond,
                p50Ms: millis(stats.p50), p90Ms: millis(stats.p90), p99Ms: millis(stats.p99),
                p99_9Ms: millis(stats.p99_9),
                maxMs: millis(stats.max), errors: row.errors,
                errorsByOutcome: Dictionary(errors.map { ($0.outcome, $0.errors) }, uniquingKeysWith: +),
                bytesIn: counters.bytesIn, bytesOut: counters.bytesOut)
        }
    }

    /// Bytes and commands per command kind over these intervals.
    static func traffic(_ intervals: [IntervalRecord]) -> [String: TrafficCounters] {
        var byCommand = [String: TrafficCounters]()
        for interval in intervals {
            for entry in interval.traffic { byCommand[entry.command, default: TrafficCounters()].add(entry.counters) }
        }
        return byCommand
    }

    /// Masks what follows a password option, and the value of `--password=...`, but never a file
    /// name (`--password-file PATH` names a file, and its content is never read here).
    static func redacted(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var maskNext = false
        for argument in arguments {
            let lowered = argument.lowercased()
            if maskNext {
                out.append("***")
            } else if lowered.hasPrefix("-"), lowered.contains("password"), !lowered.contains("file"),
                let equals = argument.firstIndex(of: "=")
            {
                out.append(argument[...equals] + "***")
            } else {
                out.append(argument)
            }
            maskNext =
                !maskNext && lowered.hasPrefix("-") && lowered.contains("password") && !lowered.contains("file")
                && !argument.contains("=")
        }
        return out
    }

    static func millis(_ micros: UInt64) -> Double { Double(micros) / 1000 }
}
