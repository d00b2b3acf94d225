import XCTest

@testable import ServerTools

final class TimeoutVerdictTests: XCTestCase {
    private func finding(
        _ state: TimeoutProbeState, _ outcome: TimeoutFinding.Outcome, _ seconds: Double
    ) -> TimeoutFinding {
        TimeoutFinding(state: state, outcome: outcome, elapsedSeconds: seconds, detail: "")
    }

    func testRFCLineTable() {
        let table: [(findings: [TimeoutFinding], maxWait: Double, expected: String)] = [
            (
                [finding(.authenticated, .bye, 600), finding(.selected, .alive, 1900)], 1900,
                "RFC 3501 30-minute autologout: VIOLATED (authenticated after 10m)"
            ),
            (
                [finding(.authenticated, .alive, 1900), finding(.selected, .alive, 1900)], 1900,
                "RFC 3501 30-minute autologout: honoured (authenticated sessions lasted at least 30 minutes)"
            ),
            (
                [finding(.authenticated, .alive, 60), finding(.selected, .alive, 60)], 60,
                "RFC 3501 30-minute autologout: not determined (alive at --max-wait 1m; use --max-wait 31m to check)"
            ),
            (
                [finding(.authenticated, .error, 0)], 60,
                "RFC 3501 30-minute autologout: not determined (an authenticated session could not be set up)"
            ),
        ]
        for row in table {
            XCTAssertEqual(
                TimeoutVerdict.lines(findings: row.findings, maxWaitSeconds: row.maxWait, keepAliveSeconds: 60)[0],
                row.expected)
        }
    }

    func testIdleLineSaysWhatReissueIntervalIsNeeded() {
        let lines = TimeoutVerdict.lines(
            findings: [finding(.selected, .bye, 600), finding(.idle, .bye, 1200)],
            maxWaitSeconds: 1900, keepAliveSeconds: 60)
        XCTAssertEqual(
            lines.last,
            "IDLE: ended after 20m (bye), longer than a silent selected session (10m); "
                + "re-issue IDLE at least every 20m: 29-minute re-issue is NOT enough")
    }

    func testKeepAliveLine() {
        let kept = TimeoutVerdict.lines(
            findings: [finding(.selected, .bye, 300), finding(.keepAlive, .alive, 450)],
            maxWaitSeconds: 1900, keepAliveSeconds: 60)
        XCTAssertTrue(
            kept.contains(
                "keep-alive: NOOP every 1m keeps a session alive past the 5m timer; "
                    + "this server needs activity at least every 5m"), "\(kept)")
        let ended = TimeoutVerdict.lines(
            findings: [finding(.selected, .bye, 300), finding(.keepAlive, .close, 305)],
            maxWaitSeconds: 1900, keepAliveSeconds: 60)
        XCTAssertTrue(
            ended.contains("keep-alive: NOOP every 1m does NOT keep a session alive (ended after 5m 5s)"), "\(ended)")
    }

    func testFormat() {
        XCTAssertEqual(TimeoutVerdict.format(2.04), "2.0s")
        XCTAssertEqual(TimeoutVerdict.format(59.6), "1m")
        XCTAssertEqual(TimeoutVerdict.format(1805), "30m 5s")
    }
}

extension TimeoutVerdictTests {
    func testIdleAliveSaysWhetherTheWaitWasLongEnough() {
        let short = TimeoutVerdict.lines(
            findings: [TimeoutFinding(state: .idle, outcome: .alive, elapsedSeconds: 60, detail: "")],
            maxWaitSeconds: 60, keepAliveSeconds: 60)
        XCTAssertEqual(
            short.last,
            "IDLE: alive for the whole wait (1m); whether a 29-minute re-issue is enough is not determined "
                + "(use --max-wait 31m)")
        let long = TimeoutVerdict.lines(
            findings: [TimeoutFinding(state: .idle, outcome: .alive, elapsedSeconds: 1860, detail: "")],
            maxWaitSeconds: 1860, keepAliveSeconds: 60)
        XCTAssertEqual(long.last, "IDLE: alive for the whole wait (31m); re-issuing every 29 minutes is enough")
    }
}
