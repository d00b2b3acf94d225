import Foundation
import XCTest
@testable import Measurement
@testable import Reporting

/// report.html and `--summary-json` carry what the consistency checks found.
final class CheckReportTests: XCTestCase {
    private func run(_ checks: CheckTally?) -> RunResult {
        var result = SyntheticRun.make()
        result.checks = checks
        return result
    }

    func testTheReportNamesEachCheckAndShowsTheExchangeEscaped() {
        let html = HTMLReport.render(RunDocument(run(CheckOutputsTests.tally())), plotsDirectory: nil)
        XCTAssertTrue(html.contains("<section id=\"consistency\">"))
        XCTAssertTrue(html.contains("1 violations, 1 warnings in 500 observed responses."))
        XCTAssertTrue(
            html.contains(
                "<code>store-flags-lost</code></td><td>error</td><td>RFC 3501 §6.4.6</td><td class=\"num\">1</td>"))
        XCTAssertTrue(html.contains("S: * 1 FETCH (FLAGS ())"), "the exchange is quoted")
        XCTAssertTrue(html.contains("user7 INBOX, session 3, tag A12"))
    }

    func testTheReportSaysWhenChecksWereOff() {
        let html = HTMLReport.render(RunDocument(run(nil)), plotsDirectory: nil)
        XCTAssertTrue(html.contains("checks were off (run --checks to turn them on)"))
    }

    func testTheSummaryJSONCountsViolationsAndWarnings() throws {
        let summary = RunSummary(RunDocument(run(CheckOutputsTests.tally())))
        XCTAssertEqual(
            summary.checks,
            RunSummary.Checks(
                violations: 1, warnings: 1, observed: 500,
                byID: ["store-flags-lost": 1, "recent-twice": 1],
                checkpoints: 0, checkpointsAbandoned: 0))
        let json = try XCTUnwrap(String(data: try summary.json(), encoding: .utf8))
        XCTAssertTrue(json.contains("\"violations\""), json)
        XCTAssertNil(RunSummary(RunDocument(run(nil))).checks)
    }

    func testCheckpointsAreCountedInTheSummaryTheReportAndTheJSON() throws {
        var tally = CheckOutputsTests.tally()
        tally.checkpoints = 12
        tally.checkpointsAbandoned = 1
        let document = RunDocument(run(tally))
        XCTAssertEqual(RunSummary(document).checks?.checkpoints, 12)
        XCTAssertEqual(RunSummary(document).checks?.checkpointsAbandoned, 1)
        let line = try XCTUnwrap(SummaryTable.consistencyLines(tally).first)
        XCTAssertTrue(
            line.hasSuffix("; 12 checkpoints compared, 1 abandoned (a session was not quiet within 10 s)"), line)
        XCTAssertTrue(HTMLReport.render(document, plotsDirectory: nil).contains("12 checkpoints compared"))
        var none = CheckOutputsTests.tally()
        none.checkpoints = 0
        XCTAssertFalse(try XCTUnwrap(SummaryTable.consistencyLines(none).first).contains("checkpoint"))
    }

    func testATallyWrittenBeforeCheckpointsStillLoads() throws {
        let old = #"{"counts":{},"severities":{"uid-changed":"error"},"violations":[],"observed":7}"#
        let tally = try JSONDecoder().decode(CheckTally.self, from: Data(old.utf8))
        XCTAssertEqual(tally.observed, 7)
        XCTAssertEqual(tally.checkpoints, 0)
        let again = try JSONDecoder().decode(CheckTally.self, from: try JSONEncoder().encode(tally))
        XCTAssertEqual(again, tally)
    }
}
