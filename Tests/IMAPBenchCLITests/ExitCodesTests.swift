import XCTest
@testable import IMAPBenchCLI

final class ExitCodesTests: XCTestCase {
    /// 1 (nothing could run) > 130 (interrupted) > 2 (threshold) > 3 (limited) > 0, and
    /// --allow-limited turns only the 3 into 0.
    func testPrecedence() {
        typealias Ending = ExitCodes.RunEnding
        let table: [(Ending, Int32)] = [
            (Ending(), 0),
            (Ending(limited: true), 3),
            (Ending(limited: true, allowLimited: true), 0),
            (Ending(thresholdViolated: true, limited: true), 2),
            (Ending(interrupted: true, thresholdViolated: true, limited: true), 130),
            (Ending(nothingSucceeded: true, interrupted: true, thresholdViolated: true, limited: true), 1),
            (Ending(thresholdViolated: true, allowLimited: true), 2),
            // a merged result missing a shard is never a success, --allow-limited or not
            (Ending(allowLimited: true, incomplete: true), 3),
            (Ending(thresholdViolated: true, incomplete: true), 2),
        ]
        for (ending, code) in table { XCTAssertEqual(ExitCodes.forRun(ending), code, "\(ending)") }
        XCTAssertEqual(ExitCodes.limited, 3)
        XCTAssertTrue(ExitCodes.documentation.contains("3 = the run should not be believed"))
        XCTAssertTrue(ExitCodes.documentation.contains("the first of 1, 130, 2, 3 wins"))
    }
}
