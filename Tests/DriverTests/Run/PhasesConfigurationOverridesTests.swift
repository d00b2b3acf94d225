import Driver
import Workload
import XCTest

/// `--duration` keeps a profile's shape; `--ramp-up`, `--warmup`, `--ramp-down` set one phase.
final class PhasesConfigurationOverridesTests: XCTestCase {
    private func profile(_ phases: String) throws -> Profile {
        try ProfileLoader.load(
            yaml: """
                users: {pattern: "user%d", range: 1-4, password: pass}
                load: {model: closed, sessions: 4}
                phases: \(phases)
                operations:
                  - type: noop
                """, source: "test.yaml")
    }

    /// Seconds of (ramp_up, warmup, hold, ramp_down).
    private func lengths(_ phases: PhasesConfiguration) -> [Double] {
        [phases.rampUp.seconds, phases.warmup.seconds, phases.hold.secondsValue, phases.rampDown.seconds]
    }

    /// mobile-idle's 30 s ramp-up of 5 m: `--duration 10s` dropped it (500 logins at once) and
    /// `--duration 1m` kept all 30 s (half the run); every phase now keeps its share.
    func testDurationScalesEveryPhaseByTheSameFactor() throws {
        let table: [(phases: String, duration: Duration, expected: [Double])] = [
            ("{ramp_up: 30s, duration: 5m}", .seconds(10), [1, 0, 9, 0]),
            ("{ramp_up: 30s, duration: 5m}", .seconds(60), [6, 0, 54, 0]),
            ("{warmup: 10s, ramp_up: 10s, duration: 2m, ramp_down: 5s}", .seconds(30), [2.5, 2.5, 26.25, 1.25]),
            ("{ramp_up: 1s, duration: 3s, ramp_down: 2s}", .seconds(2.5), [0.833, 0, 0, 1.667]),
            ("{warmup: 1s, duration: 10s}", .seconds(20), [0, 2, 20, 0]),
            ("{duration: 1m}", .seconds(2), [0, 0, 2, 0]),
        ]
        for row in table {
            var overrides = RunOverrides()
            overrides.duration = row.duration
            let phases = try profile(row.phases).applying(overrides).phases
            XCTAssertEqual(phases.duration.duration, row.duration, row.phases)
            for (value, expected) in zip(lengths(phases), row.expected) {
                XCTAssertEqual(
                    value, expected, accuracy: 0.0005, "\(row.phases) --duration \(row.duration): \(lengths(phases))")
            }
        }
    }

    /// A phase on its own flag is taken exactly, with or without --duration; the others still scale.
    func testAPhaseFlagIsTakenAsGiven() throws {
        var overrides = RunOverrides()
        overrides.duration = .seconds(60)
        overrides.rampUp = .seconds(10)
        overrides.warmup = .seconds(3)
        XCTAssertEqual(
            lengths(try profile("{warmup: 1m, ramp_up: 30s, duration: 5m, ramp_down: 50s}").applying(overrides).phases),
            [10, 3, 40, 10])
        var none = RunOverrides()
        none.rampUp = .zero
        XCTAssertEqual(lengths(try profile("{ramp_up: 30s, duration: 5m}").applying(none).phases), [0, 0, 300, 0])
        XCTAssertEqual(
            lengths(try profile("{ramp_up: 30s, duration: 5m}").applying(RunOverrides()).phases), [30, 0, 270, 0])
    }

    /// Where a share cannot be kept, or the flags do not fit, the error names the flag to use.
    func testImpossiblePhasesAreRefusedWithTheFlagThatFixesThem() throws {
        var tiny = RunOverrides()
        tiny.duration = .milliseconds(1)
        var tooLong = RunOverrides()
        tooLong.duration = .seconds(60)
        tooLong.rampUp = .seconds(120)
        let table: [(RunOverrides, String)] = [
            (
                tiny,
                "--duration scales the profile's ramp_up (30s) to less than 1ms, too short to keep its share of the run; "
                    + "give it a length with --ramp-up (--ramp-up 0 for none)"
            ),
            (
                tooLong,
                "phases: ramp_up (2m) plus ramp_down (0s) is longer than duration (1m); "
                    + "shorten --ramp-up or --ramp-down, or lengthen --duration"
            ),
        ]
        for (overrides, message) in table {
            XCTAssertThrowsError(try profile("{ramp_up: 30s, duration: 5m}").applying(overrides)) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
        var fixed = tiny
        fixed.rampUp = .zero
        XCTAssertEqual(lengths(try profile("{ramp_up: 30s, duration: 5m}").applying(fixed).phases), [0, 0, 0.001, 0])
    }
}
