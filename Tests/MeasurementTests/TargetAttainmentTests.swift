import Foundation
import XCTest
@testable import Measurement

final class TargetAttainmentTests: XCTestCase {
    /// Four hold seconds of `perSecond` NOOPs with `sessions` connected at each interval's end and
    /// `peak` the most connected during it.
    private func run(
        target: Int?, sessions: Int, peak: Int? = nil, offered: Double? = nil, perSecond: Int = 500
    ) -> RunResult {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let collector = RunCollector(
            configuration: RunConfigurationRecord(
                profileName: "t", loadModel: offered == nil ? "closed" : "open", offeredRate: offered, threads: 1,
                cores: 1,
                targetSessions: target))
        for second in 0..<4 {
            let recorder = LatencyRecorder()
            for _ in 0..<perSecond {
                recorder.record(
                    CommandSample(command: "NOOP", operation: "noop", outcome: .ok, responseNanos: 1_000_000))
            }
            collector.add(
                interval: recorder.takeInterval(), startWall: start.addingTimeInterval(Double(second)),
                startOffset: Double(second), length: 1, sessions: sessions, phase: .hold, processCPUSeconds: 0.01,
                openFiles: 10, peakSessions: peak)
        }
        return collector.finish(endWall: start.addingTimeInterval(4), interrupted: false)
    }

    /// `ulimit -n 256` with `--sessions 1000` held 239 sessions and passed for healthy: a target
    /// not reached is a shortfall of its own, named as the server's or the machine's, not the
    /// generator's CPU.
    func testSessionsShortOfTheTargetAreAShortfallNotAGeneratorBreach() throws {
        let analysis = RunAnalysis(run(target: 1000, sessions: 239, peak: 239))
        let targets = TargetAttainment(analysis)
        XCTAssertEqual(targets.reachedSessions, 239)
        XCTAssertTrue(targets.isShort)
        XCTAssertEqual(targets.sessionsLine, "sessions: target 1000, reached 239 at peak in the measured window")
        let verdict = try XCTUnwrap(targets.verdict)
        XCTAssertTrue(verdict.hasPrefix("TARGET NOT REACHED: 239 of 1000 sessions connected at peak"), verdict)
        XCTAssertTrue(verdict.contains("the server or this machine"), verdict)
        XCTAssertFalse(GeneratorHealth(analysis).isLimitedByGenerator, "not the generator's breach")
    }

    /// A session between two lives at the snapshot does not count as missing: the peak during the
    /// interval is what was reached.
    func testThePeakDuringTheIntervalCounts() {
        let reached = TargetAttainment(RunAnalysis(run(target: 10, sessions: 7, peak: 10)))
        XCTAssertEqual(reached.reachedSessions, 10)
        XCTAssertFalse(reached.isShort, reached.shortfalls.joined())
        let older = TargetAttainment(RunAnalysis(run(target: 10, sessions: 10, peak: nil)))
        XCTAssertEqual(older.reachedSessions, 10, "runs without peaks fall back to the sessions at the end")
        XCTAssertNil(TargetAttainment(RunAnalysis(run(target: nil, sessions: 3))).verdict, "arrivals only: no target")
    }

    /// Four one-second intervals of `perSecond` commands of `service` each, with `sessions`
    /// sampled at each end and, when given, an interval's `occupancy`.
    private func pipelinedRun(
        depth: Int, target: Int, sessions: Int, command: String, perSecond: Int, serviceNanos: UInt64,
        occupancy: PipelineOccupancy? = nil
    ) -> RunResult {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let collector = RunCollector(
            configuration: RunConfigurationRecord(profileName: "t", targetSessions: target, pipelineDepth: depth))
        for second in 0..<4 {
            let recorder = LatencyRecorder()
            for _ in 0..<perSecond {
                recorder.record(
                    CommandSample(
                        command: command, operation: command.lowercased(), outcome: .ok,
                        responseNanos: serviceNanos + 1_000_000, serviceNanos: serviceNanos))
            }
            collector.add(
                interval: recorder.takeInterval(), startWall: start.addingTimeInterval(Double(second)),
                startOffset: Double(second), length: 1, sessions: sessions, phase: .hold, processCPUSeconds: 0.01,
                openFiles: 10, peakSessions: target, pipelineOccupancy: occupancy)
        }
        return collector.finish(endWall: start.addingTimeInterval(4), interrupted: false)
    }

    /// Two sessions allowed 16 in flight, whose commands each spend 4 ms on the wire at 1,000 a
    /// second: 4 s of service per second over 2 sessions is 2 in flight per session, whatever the
    /// depth allows. Without pipelining there is no line. (A run recorded without the occupancy.)
    func testThePipelineLineSaysHowManyCommandsWereInFlight() throws {
        func run(depth: Int) -> RunResult {
            pipelinedRun(
                depth: depth, target: 2, sessions: 2, command: "UID FETCH", perSecond: 1000, serviceNanos: 4_000_000)
        }
        let pipelined = TargetAttainment(RunAnalysis(run(depth: 16)))
        XCTAssertEqual(try XCTUnwrap(pipelined.meanInFlight), 2.0, accuracy: 0.01)
        XCTAssertEqual(
            pipelined.pipelineLine,
            "pipeline: depth 16, 2.0 commands in flight per session on average (service times, Little's law)")
        XCTAssertTrue(pipelined.lines.contains(try XCTUnwrap(pipelined.pipelineLine)))
        XCTAssertFalse(pipelined.isShort, "a pipeline below its depth is not a missed target")
        XCTAssertNil(TargetAttainment(RunAnalysis(run(depth: 1))).pipelineLine)
    }

    /// A run that reconnects has few sessions connected at any instant: the line divides the
    /// mix's service time by the connected session-seconds each interval integrated, not by the
    /// sessions sampled at its end, and the LOGIN's long service time does not count.
    func testThePipelineLineUsesTheIntegratedOccupancy() throws {
        let occupancy = PipelineOccupancy(connectedSessionSeconds: 2.5, mixServiceSeconds: 5)
        let result = pipelinedRun(
            depth: 10, target: 10, sessions: 1, command: "LOGIN", perSecond: 200, serviceNanos: 40_000_000,
            occupancy: occupancy)
        let attainment = TargetAttainment(RunAnalysis(result))
        XCTAssertEqual(try XCTUnwrap(attainment.meanInFlight), 2.0, accuracy: 1e-9)
        let decoded = try JSONDecoder().decode(IntervalRecord.self, from: JSONEncoder().encode(result.intervals[0]))
        XCTAssertEqual(decoded.pipelineOccupancy, occupancy)
        var merged = result.intervals[0]
        merged.merge(result.intervals[1])
        XCTAssertEqual(merged.pipelineOccupancy, PipelineOccupancy(connectedSessionSeconds: 5, mixServiceSeconds: 10))
        merged.merge(IntervalRecord(startWall: result.startWall, startOffset: 0, length: 1, sessions: 0, phase: .hold))
        XCTAssertNil(merged.pipelineOccupancy, "a share without it would make the sum short")
    }

    func testOfferedVersusAchievedRate() throws {
        let short = TargetAttainment(RunAnalysis(run(target: 4, sessions: 4, offered: 5000, perSecond: 1000)))
        XCTAssertEqual(short.rateLine, "rate: offered 5000/s, achieved 1000/s")
        XCTAssertTrue(
            try XCTUnwrap(short.verdict).contains("achieved 1000/s of the offered 5000/s"), short.shortfalls.joined())
        let kept = TargetAttainment(RunAnalysis(run(target: 4, sessions: 4, offered: 1000, perSecond: 1000)))
        XCTAssertFalse(kept.isShort, kept.shortfalls.joined())
        XCTAssertNil(
            TargetAttainment(RunAnalysis(run(target: 4, sessions: 4))).rateLine, "closed model: no offered rate")
    }

    /// Intervals of several generators add their peaks, as they add their sessions.
    func testMergedIntervalsAddPeaks() {
        var first = IntervalRecord(
            startWall: Date(), startOffset: 0, length: 1, sessions: 3, phase: .hold, peakSessions: 5)
        first.merge(IntervalRecord(startWall: Date(), startOffset: 0, length: 1, sessions: 4, phase: .hold))
        XCTAssertEqual(first.sessions, 7)
        XCTAssertEqual(first.sessionsPeak, 9)
    }
}
