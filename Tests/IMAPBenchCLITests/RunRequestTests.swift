import XCTest
@testable import IMAPBenchCLI

/// What `run` resolves from its flags before anything starts.
final class RunRequestTests: XCTestCase {
    /// The run prints the phases it uses, and what --duration made of the profile's.
    func testThePhasesLineSaysWhatDurationDidToTheProfile() throws {
        let scaled = try RunRequest(command: try Run.parse(["mobile-idle", "--duration", "1m"]))
        XCTAssertEqual(
            scaled.phasesLine,
            "phases: ramp_up 6s, warmup 0s, hold 54s, ramp_down 0s (the profile's ramp_up 30s, "
                + "warmup 0s, hold 270s, ramp_down 0s scaled to --duration 1m; --ramp-up, --warmup, --ramp-down set a phase exactly)"
        )
        let plain = try RunRequest(command: try Run.parse(["smoke"]))
        XCTAssertEqual(plain.phasesLine, "phases: ramp_up 0s, warmup 1s, hold 10s, ramp_down 0s")
        let exact = try RunRequest(command: try Run.parse(["mobile-idle", "--duration", "1m", "--ramp-up", "0"]))
        XCTAssertTrue(
            exact.phasesLine.hasPrefix("phases: ramp_up 0s, warmup 0s, hold 1m, ramp_down 0s"), exact.phasesLine)
    }

    /// A bad phase flag is a command-line error that names the flag.
    func testBadPhaseFlagsAreRefused() throws {
        let table: [([String], String)] = [
            (["smoke", "--ramp-up", "soon"], "--ramp-up: 'soon' is not a duration"),
            (["smoke", "--warmup", "-1s"], "--warmup: '-1s' is not a duration"),
            (["smoke", "--ramp-down", "20s"], "shorten --ramp-up or --ramp-down, or lengthen --duration"),
            (["mobile-idle", "--duration", "1ms"], "give it a length with --ramp-up"),
        ]
        for (arguments, expected) in table {
            XCTAssertThrowsError(try RunRequest(command: try Run.parse(arguments)), "\(arguments)") { error in
                let text = Run.message(for: error)
                XCTAssertTrue(text.contains(expected), "\(arguments): '\(text)' should mention '\(expected)'")
            }
        }
    }
}
