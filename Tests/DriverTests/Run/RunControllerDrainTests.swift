import Driver
import Measurement
import XCTest

/// The drain after the plan (in-flight commands completing, logouts) is its own interval.
final class RunControllerDrainTests: XCTestCase {
    /// A profile without a ramp-down once ended with a `ramp_down` interval (the drain) and a
    /// `run:ramp_down` row whose rate was a few milliseconds of completions scaled to a second.
    func testADrainIsLabelledDrainAndARampDownOnlyWhereTheProfileHasOne() async throws {
        for (rampDown, expected) in [("0s", ["hold", "drain"]), ("1s", ["hold", "ramp_down", "drain"])] {
            let yaml = """
                users: {pattern: "user%d", range: 1-4, password: pass}
                connection: {mailbox: INBOX, open: select}
                load: {model: closed, sessions: 4, think_time: none, pipeline_depth: 4}
                phases: {duration: 2s, ramp_down: \(rampDown)}
                operations:
                  - type: noop
                """
            let result = try await EmbeddedRun.run(yaml: yaml)
            let phases = result.intervals.map(\.phase.rawValue)
            XCTAssertEqual(
                phases.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }, expected,
                "ramp_down \(rampDown): \(phases)")
            let drain = try XCTUnwrap(result.intervals.last)
            XCTAssertLessThan(drain.length, 5.5, "the drain's real length, at most the drain limit")
            XCTAssertEqual(drain.startOffset, 2, accuracy: 0.01, "the drain starts where the plan ended")
            let labels = RunAnalysis(result).rows.filter { $0.kind == .runPhase }.map(\.label)
            // With a ramp-down the last sessions may have stopped before the plan ended, so the
            // drain can hold no completion; its row exists exactly when it has one.
            let drainHasCommands = drain.histograms.keys.contains { $0.group == .command && $0.metric == .response }
            if rampDown == "0s" { XCTAssertTrue(drainHasCommands, "in-flight commands complete in the drain") }
            XCTAssertEqual(labels.contains("run:drain"), drainHasCommands, "\(labels)")
            XCTAssertEqual(labels.contains("run:ramp_down"), rampDown != "0s", "\(labels)")
        }
    }
}
