import Foundation
import XCTest
@testable import Measurement

/// `unanswered` is an outcome like the others: an error, in the tags of latency.hlog, in the rows.
final class OutcomeTests: XCTestCase {
    func testUnansweredIsAnErrorThatRoundTripsThroughItsTag() {
        XCTAssertFalse(Outcome.unanswered.isSuccess)
        let key = SeriesKey(
            group: .command, name: "UID FETCH", operation: "headers", metric: .response, outcome: .unanswered)
        XCTAssertEqual(key.tag, "UID_FETCH[headers].response.unanswered")
        XCTAssertEqual(SeriesKey(tag: key.tag)?.outcome, .unanswered)
    }

    func testUnansweredCommandsAreCountedAsErrorsOfTheWindow() {
        let recorder = LatencyRecorder()
        for outcome in [Outcome.ok, .ok, .unanswered] {
            recorder.record(
                CommandSample(command: "NOOP", operation: "noop", outcome: outcome, responseNanos: 2_000_000))
        }
        let collector = RunCollector(configuration: RunConfigurationRecord(profileName: "t", threads: 1, cores: 1))
        collector.add(
            interval: recorder.takeInterval(), startWall: Date(), startOffset: 0, length: 1, sessions: 1,
            phase: .hold, processCPUSeconds: 0, openFiles: 0)
        let analysis = RunAnalysis(collector.finish(endWall: Date(), interrupted: false))
        XCTAssertEqual(analysis.totalCommands, 3)
        XCTAssertEqual(analysis.totalErrors, 1)
        XCTAssertTrue(
            analysis.rows.contains { $0.label == "NOOP" && $0.outcome == "unanswered" && $0.statistics.count == 1 })
    }
}
