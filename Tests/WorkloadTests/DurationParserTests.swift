import XCTest
@testable import Workload

final class DurationParserTests: XCTestCase {
    func testAcceptedTexts() throws {
        let table: [(String, Duration)] = [
            ("500ms", .milliseconds(500)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
            ("1.5s", .milliseconds(1500)), ("0", .zero), ("0s", .zero), (" 2s ", .seconds(2)),
            ("250us", .microseconds(250)),
            ("1d", .seconds(86_400)), ("0.25m", .seconds(15)),
        ]
        for (text, expected) in table {
            XCTAssertEqual(try DurationParser.parse(text), expected, text)
        }
    }

    func testRejectedTexts() {
        for text in ["", "5", "s", "1.2.3s", "-5s", "5 minutes", "ms", "1e3s", "five s"] {
            XCTAssertThrowsError(try DurationParser.parse(text), text)
        }
    }

    func testFormatReadsBack() throws {
        for text in ["500ms", "30s", "5m", "1h", "1500ms", "250us", "0s"] {
            let duration = try DurationParser.parse(text)
            XCTAssertEqual(DurationParser.format(duration), text)
            XCTAssertEqual(try DurationParser.parse(DurationParser.format(duration)), duration)
        }
    }

    func testByteSizesAndRanges() {
        XCTAssertEqual(ByteSize.parse("20KB")?.bytes, 20_480)
        XCTAssertEqual(ByteSize.parse("1.5MB")?.bytes, 1_572_864)
        XCTAssertEqual(ByteSize.parse("512")?.bytes, 512)
        XCTAssertNil(ByteSize.parse("lots"))
        XCTAssertEqual(NumberRange.parse("1-100"), NumberRange(1, 100))
        XCTAssertEqual(NumberRange.parse("7"), NumberRange(7, 7))
        XCTAssertNil(NumberRange.parse("9-3"))
    }
}
