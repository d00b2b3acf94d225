import IMAPProtocol
import XCTest

/// The one duration grammar: what it reads, what it refuses, and that its text reads back.
final class DurationTextTests: XCTestCase {
    func testAcceptedTexts() throws {
        let table: [(String, Duration)] = [
            ("500ms", .milliseconds(500)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
            ("1d", .seconds(86_400)), ("1.5s", .milliseconds(1500)), ("0", .zero), ("250us", .microseconds(250)),
            ("250µs", .microseconds(250)), ("10ns", .nanoseconds(10)), (" 2s ", .seconds(2)),
        ]
        for (text, expected) in table {
            XCTAssertEqual(try DurationText.parse(text), expected, text)
        }
    }

    func testRejectedTextsSayWhatWasExpected() {
        for text in ["", "5", "s", "-5s", "1e3s", "+5s", "1.2.3s", "infs", "5 minutes", "2w"] {
            XCTAssertThrowsError(try DurationText.parse(text), text) { error in
                XCTAssertEqual(
                    "\(error)", "'\(text)' is not a duration (expected a number and a unit: 500ms, 30s, 5m, 1h, 1.5s)")
            }
        }
    }

    func testFormatReadsBack() throws {
        for text in ["1h", "5m", "30s", "250ms", "250us", "10ns"] {
            XCTAssertEqual(DurationText.format(try DurationText.parse(text)), text)
        }
    }
}
