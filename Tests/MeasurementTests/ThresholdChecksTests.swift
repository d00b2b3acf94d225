import Foundation
import Measurement
import XCTest

/// `checks.violations`, `checks.warnings` and `check:ID.count` gate a CI pipeline on what the
/// consistency checks found; with checks off they fail instead of passing on nothing.
final class ThresholdChecksTests: XCTestCase {
    private func run(checks: CheckTally?) -> RunResult {
        RunResult(
            configuration: RunConfigurationRecord(profileName: "test", threads: 1, cores: 1), startWall: Date(),
            endWall: Date(), interrupted: false, intervals: [], checks: checks)
    }

    private func violation(_ id: CheckID, severity: CheckSeverity) -> CheckViolation {
        CheckViolation(
            id: id, severity: severity, time: 1, user: "user1", mailbox: "INBOX", session: 0, tag: "A1",
            expected: "x", observed: "y", exchange: [])
    }

    func testViolationsWarningsAndOneCheckAreCounted() throws {
        var tally = CheckTally(severities: [.uidChanged: .error, .recentTwice: .warning])
        tally.record(violation(.uidChanged, severity: .error))
        tally.record(violation(.recentTwice, severity: .warning))
        tally.record(violation(.recentTwice, severity: .warning))
        let result = run(checks: tally)
        let cases: [(String, Bool, Double)] = [
            ("checks.violations < 1", false, 1), ("checks.violations < 2", true, 1), ("checks.warnings < 2", false, 2),
            ("check:recent-twice.count < 3", true, 2), ("check:uid-changed.count < 1", false, 1),
            ("check:size-changed.count < 1", true, 0),
        ]
        for (text, passed, observed) in cases {
            let verdict = try Threshold.parse(text).evaluate(result)
            XCTAssertEqual(verdict.passed, passed, text)
            XCTAssertEqual(verdict.observed, observed, text)
        }
    }

    func testAThresholdOnChecksFailsWhenChecksWereOff() throws {
        let verdict = try Threshold.parse("checks.violations < 1").evaluate(run(checks: nil))
        XCTAssertFalse(verdict.passed)
        XCTAssertEqual(verdict.detail, "checks were off: run with --checks")
    }
}
