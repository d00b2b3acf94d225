import Foundation
import XCTest
@testable import Measurement
@testable import Reporting

/// The `--summary-json` document: documented keys, a verdict in the exit code's order.
final class RunSummaryTests: XCTestCase {
    func testTheJSONHasTheDocumentedKeys() throws {
        let summary = RunSummary(RunDocument(SyntheticRun.make()))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: try summary.json()) as? [String: Any])
        for key in [
            "format", "run_id", "profile", "server", "load_model", "verdict", "totals", "commands", "errors_by_outcome",
            "health", "thresholds", "measured_seconds", "command_line", "imapbench_version",
        ] {
            XCTAssertNotNil(object[key], key)
        }
        XCTAssertEqual(object["format"] as? String, "imapbench-summary-1")
        let commands = try XCTUnwrap(object["commands"] as? [[String: Any]])
        XCTAssertEqual(commands.map { $0["command"] as? String }, ["NOOP", "UID FETCH"])
        XCTAssertNotNil(commands[0]["p99_ms"])
        XCTAssertEqual(
            (object["errors_by_outcome"] as? [String: Any])?["timeout"] as? Int, 16, "4 timeouts a second over 4 s")
        XCTAssertEqual((object["totals"] as? [String: Any])?["bytes_in"] as? Int, 4 * 1000 * 500)
    }

    func testTheVerdictFollowsTheExitCodesOrder() {
        XCTAssertEqual(RunSummary(RunDocument(SyntheticRun.make())).verdict, "pass")
        XCTAssertEqual(
            RunSummary(RunDocument(SyntheticRun.make(thresholds: ["errors.rate < 0.1%"]))).verdict, "threshold_failed")
        XCTAssertEqual(RunSummary(RunDocument(SyntheticRun.make(cpuSecondsPerSecond: 1.95))).verdict, "limited")
    }
}
