import ArgumentParser
import Driver
import Measurement
import ServerTools
import XCTest

@testable import IMAPBenchCLI

/// `imapbench calibrate`: its options and what it prints.
final class CalibrateTests: XCTestCase {
    func testMaxErrorAcceptsPercentOrFraction() throws {
        XCTAssertEqual(try Calibrate.parsePercent("2%"), 0.02, accuracy: 1e-12)
        XCTAssertEqual(try Calibrate.parsePercent(" 0.5% "), 0.005, accuracy: 1e-12)
        XCTAssertEqual(try Calibrate.parsePercent("0.02"), 0.02, accuracy: 1e-12)
        XCTAssertThrowsError(try Calibrate.parsePercent("two percent"))
        XCTAssertThrowsError(try Calibrate.parsePercent("-1%"))
    }

    func testPrintsEveryMetricAndTheErrorAgainstTheDelay() throws {
        var histogram = SparseHistogram()
        for value in [5_080, 5_100, 5_120] as [UInt64] { histogram.record(value) }
        let statistics = LatencyStatistics(histogram)
        let result = DelayCalibrationResult(
            delayMicros: 5_000, response: statistics, service: statistics, sendLag: statistics, errors: 0)
        let lines = Calibrate.lines(result)
        XCTAssertEqual(lines.count, 6)
        XCTAssertTrue(lines[0].hasPrefix("known delay 5.000 ms per NOOP"))
        XCTAssertTrue(lines[2].hasPrefix("response           3     5.103     5.120"), lines[2])
        XCTAssertEqual(lines[5], "response p50 is 0.103 ms above the delay (+2.06%)")
    }

    func testServerLatenessIsPrintedWhenKnown() {
        var histogram = SparseHistogram()
        histogram.record(5_010)
        let statistics = LatencyStatistics(histogram)
        var result = DelayCalibrationResult(
            delayMicros: 5_000, response: statistics, service: statistics, sendLag: statistics, errors: 0)
        result.serverLateness = (p50Micros: 0.4, maxMicros: 12.25)
        XCTAssertEqual(Calibrate.lines(result).last, "the server ended its delays 0.4 us late (p50), 12.2 us at most")
    }

    func testZeroDelayOrTinyWindowIsRefused() async throws {
        for arguments in [["--delay", "0ms"], ["--duration", "10ms"]] {
            var command = try Calibrate.parse(arguments)
            do {
                try await command.run()
                XCTFail("\(arguments) must be refused")
            } catch {
                XCTAssertTrue(error is ValidationError, "\(arguments): \(error)")
            }
        }
    }

    func testBadDurationIsAnError() async throws {
        var command = try Calibrate.parse(["--delay", "soon"])
        do {
            try await command.run()
            XCTFail("an unreadable delay must be refused")
        } catch {
            XCTAssertTrue("\(error)".contains("--delay"), "\(error)")
        }
    }
}
