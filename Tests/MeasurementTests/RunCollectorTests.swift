import Foundation
import XCTest
@testable import Measurement

/// Samples that end after their interval was stored still join it.
final class RunCollectorTests: XCTestCase {
    private func interval(_ outcome: Outcome) -> IntervalData {
        let recorder = LatencyRecorder()
        recorder.record(CommandSample(command: "NOOP", operation: "noop", outcome: outcome, responseNanos: 1_000_000))
        return recorder.takeInterval()
    }

    func testLateSamplesJoinTheStoredIntervalOnly() {
        let collector = RunCollector(configuration: RunConfigurationRecord(profileName: "t", threads: 1, cores: 1))
        let wall = Date()
        collector.add(
            interval: interval(.ok), startWall: wall, startOffset: 0, length: 1, sessions: 3, phase: .hold,
            processCPUSeconds: 0.5, openFiles: 7)
        XCTAssertEqual(collector.intervalCount, 1)
        collector.addLate(interval(.unanswered), toInterval: 0)
        collector.addLate(interval(.unanswered), toInterval: 5)  // no such interval: ignored
        let stored = collector.finish(endWall: wall, interrupted: false).intervals
        XCTAssertEqual(stored.count, 1)
        let outcomes = stored[0].histograms.filter { $0.key.metric == .response }.map(\.key.outcome).sorted()
        XCTAssertEqual(outcomes, [.ok, .unanswered])
        XCTAssertEqual(stored[0].traffic.first?.counters.commands, 2)
        XCTAssertEqual(stored[0].sessions, 3, "the load state stays the interval's own")
        XCTAssertEqual(stored[0].openFiles, 7)
        XCTAssertEqual(stored[0].processCPUSeconds, 0.5)
    }
}
