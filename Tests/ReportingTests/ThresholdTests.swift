import XCTest
@testable import Measurement

final class ThresholdTests: XCTestCase {
    func testParsingTable() throws {
        let cases: [(String, String, String, Threshold.Comparison, Double)] = [
            ("fetch.p99 < 50ms", "fetch", "p99", .less, 50_000),
            ("errors.rate < 0.1%", "errors", "rate", .less, 0.001),
            ("commands.rate > 1000/s", "commands", "rate", .greater, 1000),
            ("uid_fetch.p99.9 <= 2s", "uid_fetch", "p99.9", .lessOrEqual, 2_000_000),
            ("phase:login.max >= 10us", "phase:login", "max", .greaterOrEqual, 10),
        ]
        for (text, subject, statistic, comparison, limit) in cases {
            let threshold = try Threshold.parse(text)
            XCTAssertEqual(threshold.subject, subject, text)
            XCTAssertEqual(threshold.statistic, statistic, text)
            XCTAssertEqual(threshold.comparison, comparison, text)
            XCTAssertEqual(threshold.limit, limit, accuracy: 1e-9, text)
        }
        for bad in [
            "fetch.p99 50ms", "p99 < 5ms", "fetch.p99 < fast", "fetch.p99 < 5 parsecs",
            "fetch.pizza < 5ms", "fetch.p101 < 5ms", "fetch.p99 < 5%", "fetch.rate > 5ms", "fetch.p99 < 5",
            "fetch.count < 5ms", "errors.rate < 5/s",
            // a rate or error rate needs its unit: `errors.rate < 1` was taken as 100%
            "errors.rate < 1", "commands.rate > 1000", "fetch.error_rate < 0.5",
        ] {
            XCTAssertThrowsError(try Threshold.parse(bad), bad)
        }
        XCTAssertEqual(try Threshold.parse("fetch.p42 < 5ms").statistic, "p42", "any percentile")
    }

    func testEvaluationTable() throws {
        let result = SyntheticRun.make()
        let cases: [(String, Bool)] = [
            ("fetch.p99 < 50ms", true), ("fetch.p50 < 1ms", false), ("noop.p50 > 5ms", true),
            ("errors.rate < 1%", true), ("errors.rate < 0.1%", false), ("commands.rate > 900/s", true),
            ("commands.rate > 1001/s", false), ("phase:login.p50 < 4ms", true), ("nosuchcommand.p99 < 1s", false),
            ("fetch-headers.count >= 1", true), ("fetch.p42 < 50ms", true), ("fetch.p42 < 1ms", false),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try Threshold.parse(text).evaluate(result).passed, expected, text)
        }
    }

    func testHealthVerdict() {
        let analysis = RunAnalysis(SyntheticRun.make())
        let health = GeneratorHealth(analysis)
        XCTAssertEqual(health.droppedCommands, 6, "warm-up drops count too")
        XCTAssertEqual(health.sendLagP99Micros, 20)
        XCTAssertEqual(health.cpuFraction, 0.05, accuracy: 1e-9)
        XCTAssertFalse(health.isLimitedByGenerator, "drops wait on the server: \(health.breaches)")
        XCTAssertEqual(health.breaches, [])
        XCTAssertEqual(health.verdictLines.first, "generator healthy.")
        XCTAssertTrue(health.verdictLines.last?.hasPrefix("6 commands dropped unsent") == true, health.verdict)
    }

    /// "LIMITED BY THE GENERATOR: ...; 6 dropped unsent (due while the server held...)" read as one
    /// charge against both: each sentence of the verdict now names one party only.
    func testVerdictBlamesOnePartyPerSentence() {
        let health = GeneratorHealth(RunAnalysis(SyntheticRun.make(cpuSecondsPerSecond: 1.9)))
        let sentences = health.verdict.components(separatedBy: ". ")
        let generator = sentences.filter { $0.contains("GENERATOR") }
        XCTAssertEqual(generator.count, 1, health.verdict)
        XCTAssertFalse(
            generator[0].contains("server") || generator[0].contains("dropped"),
            "the generator's sentence: \(generator[0])")
        let dropped = sentences.filter { $0.contains("dropped") }
        XCTAssertEqual(dropped.count, 1, health.verdict)
        XCTAssertFalse(dropped[0].lowercased().contains("generator"), "the drops' sentence: \(dropped[0])")
    }

    /// A closed run logs in during its ramp-up, before the measured window: `phase:` thresholds
    /// judge the whole run, as the `phase:` rows of the summary do.
    func testPhaseThresholdsCoverTheWholeRun() throws {
        let collector = RunCollector(configuration: RunConfigurationRecord(threads: 1, cores: 1))
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for (second, phase) in [(0, RunPhase.rampUp), (1, .hold)] {
            let recorder = LatencyRecorder()
            if phase == .rampUp { recorder.recordPhase(.login, nanos: 3_000_000, outcome: .ok) }
            recorder.record(CommandSample(command: "NOOP", operation: "noop", outcome: .ok, responseNanos: 1_000_000))
            collector.add(
                interval: recorder.takeInterval(), startWall: start.addingTimeInterval(Double(second)),
                startOffset: Double(second), length: 1, sessions: 1, phase: phase, processCPUSeconds: 0, openFiles: 0)
        }
        let result = collector.finish(endWall: start.addingTimeInterval(2), interrupted: false)
        let verdict = try Threshold.parse("phase:login.p99 < 10ms").evaluate(result)
        XCTAssertTrue(verdict.passed, verdict.detail)
        XCTAssertEqual(try Threshold.parse("phase:login.count >= 1").evaluate(result).observed, 1)
    }

    /// A saturated process is a breach either way; with the embedded server inside it, the
    /// verdict says the CPU was shared, so nobody reads it as the generator alone.
    func testCPUBreachNamesTheInProcessServer() {
        let alone = GeneratorHealth(RunAnalysis(SyntheticRun.make(cpuSecondsPerSecond: 1.9)))
        let shared = GeneratorHealth(
            RunAnalysis(
                SyntheticRun.make(
                    cpuSecondsPerSecond: 1.9, notes: [RunConfigurationRecord.embeddedServerNote: "in-process"])))
        XCTAssertEqual(
            alone.breaches.filter { $0.hasPrefix("process CPU 95% of 2 cores") }.count, 1, "\(alone.breaches)")
        XCTAssertFalse(alone.verdict.contains("embedded server"))
        XCTAssertTrue(
            shared.verdict.contains("process CPU 95% of 2 cores > 90%, shared with the in-process embedded server"),
            shared.verdict)
    }
}
