import Foundation
import Measurement

/// The content of run.json: the run record plus everything derived from it.
public struct RunDocument: Codable, Sendable {
    public var format = "imapbench-run-1"
    public var run: RunResult
    public var measuredWindow: Window
    public var totals: Totals
    public var summary: [SummaryRow]
    public var health: GeneratorHealth
    /// Sessions and rate asked for against those reached; nil only in run.json files written
    /// before it was kept (it is derived again whenever a run is re-rendered).
    public var targets: TargetAttainment?
    public var thresholds: [ThresholdVerdict]
    /// hlog tags of this run and the series each names.
    public var series: [SeriesEntry]

    public struct Window: Codable, Sendable {
        public var fromSeconds: Double
        public var toSeconds: Double
        public var seconds: Double
        public var selection: String
    }

    public struct Totals: Codable, Sendable {
        public var commands: UInt64
        public var errors: UInt64
        public var commandsPerSecond: Double
        public var errorFraction: Double
        public var offeredRate: Double?
    }

    public struct SeriesEntry: Codable, Sendable {
        public var tag: String
        public var key: SeriesKey
    }

    /// Derives every number from a result.
    public init(_ result: RunResult) {
        let analysis = RunAnalysis(result)
        let window = result.measuredWindow
        run = result
        measuredWindow = Window(
            fromSeconds: window.from, toSeconds: window.to, seconds: analysis.measuredSeconds,
            selection: result.hasExplicitWindow ? "explicit" : "hold phase")
        totals = Totals(
            commands: analysis.totalCommands, errors: analysis.totalErrors, commandsPerSecond: analysis.commandRate,
            errorFraction: analysis.errorFraction, offeredRate: result.configuration.offeredRate)
        summary = analysis.rows
        health = GeneratorHealth(analysis)
        targets = TargetAttainment(analysis)
        thresholds = Self.verdicts(result.configuration.thresholds, analysis)
        series = Set(result.intervals.flatMap { $0.histograms.keys }).sorted().map { SeriesEntry(tag: $0.tag, key: $0) }
    }

    /// True when the run should not be believed: limited by the generator or short of a target.
    public var isLimited: Bool { health.isLimitedByGenerator || targets?.isShort == true }

    /// The health verdict, one attributed line each: the generator, dropped commands, targets.
    public var healthLines: [String] { Self.healthLines(health, targets) }

    static func healthLines(_ health: GeneratorHealth, _ targets: TargetAttainment?) -> [String] {
        health.verdictLines + [targets?.verdict].compactMap { $0 }
    }

    /// Threshold verdicts; an unparsable threshold is a failed verdict that says why.
    static func verdicts(_ texts: [String], _ analysis: RunAnalysis) -> [ThresholdVerdict] {
        texts.map { text in
            do {
                return try Threshold.parse(text).evaluate(analysis)
            } catch {
                return ThresholdVerdict(threshold: text, passed: false, observed: nil, detail: "\(error)")
            }
        }
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // milliseconds kept: `report`, `compare` and `merge` place the hlog's intervals by the
        // run's start, and whole seconds moved every interval out of its slot
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.fractionalDates.string(from: date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Self.fractionalDates.date(from: text) ?? Self.wholeSecondDates.date(from: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
            }
            return date
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    nonisolated(unsafe) private static let fractionalDates: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
    nonisolated(unsafe) private static let wholeSecondDates = ISO8601DateFormatter()
}
