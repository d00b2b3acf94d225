import Foundation
import XCTest

/// Scripting a run (#15): `--summary-json`, `profiles NAME`, and a run without gnuplot.
final class ScriptingTests: XCTestCase {
    func testProfilesNamePrintsTheBuiltinsYAMLAndAnUnknownNameListsTheKnownOnes() throws {
        let webmail = try CLITestSupport.run(["profiles", "webmail"])
        XCTAssertEqual(webmail.status, 0, webmail.stderr)
        XCTAssertTrue(webmail.stdout.contains("load:") && webmail.stdout.contains("operations:"), webmail.stdout)
        let unknown = try CLITestSupport.run(["profiles", "nosuch"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(
            unknown.stderr.contains("no built-in profile named \"nosuch\"") && unknown.stderr.contains("webmail"),
            unknown.stderr)
    }

    /// A failed threshold still writes the summary; without gnuplot the run says so on one line.
    func testSummaryJSONIsWrittenWhenAThresholdFailsAndMissingGnuplotIsOneLine() throws {
        let directory = try CLITestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("run").path
        let json = directory.appendingPathComponent("summary.json")
        let run = try CLITestSupport.run(
            [
                "run", "smoke", "--duration", "2s", "--out", out, "--quiet", "--allow-limited",
                "--threshold", "commands.rate > 100000000/s", "--summary-json", json.path,
            ],
            environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(run.status, 2, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        XCTAssertEqual(object["verdict"] as? String, "threshold_failed")
        XCTAssertEqual(object["format"] as? String, "imapbench-summary-1")
        let notes = run.stderr.split(separator: "\n").filter { $0.contains("gnuplot") }
        XCTAssertEqual(notes.count, 1, run.stderr)
        XCTAssertTrue(notes.first?.contains("imapbench report \(out)") == true, run.stderr)
        let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("id=\"plots-missing\""))
    }
}
