@testable import Measurement
@testable import Reporting
import XCTest

/// The console's errors column says how many; the breakdown says which outcome.
final class SummaryTableErrorsTests: XCTestCase {
    private func row(_ label: String, _ outcome: String, errors: UInt64, kind: SummaryRow.Kind = .command) -> SummaryRow
    {
        SummaryRow(
            label: label, kind: kind, outcome: outcome, ratePerSecond: 0,
            statistics: LatencyStatistics(SparseHistogram()),
            outOfRange: 0, errors: errors)
    }

    func testErrorsAreBrokenDownByCommandAndOutcome() {
        let rows = [
            row("LOGIN", "all", errors: 12), row("LOGIN", "no", errors: 12),
            row("FETCH", "all", errors: 4), row("FETCH", "ok", errors: 0), row("FETCH", "timeout", errors: 3),
            row("FETCH", "disconnected", errors: 1), row("phase:login", "no", errors: 12, kind: .sessionPhase),
        ]
        XCTAssertEqual(
            SummaryTable.errorBreakdown(rows), "errors by outcome: LOGIN no=12 | FETCH timeout=3 disconnected=1")
    }

    func testNoErrorsNoLine() {
        XCTAssertNil(SummaryTable.errorBreakdown([row("NOOP", "all", errors: 0), row("NOOP", "ok", errors: 0)]))
    }
}
