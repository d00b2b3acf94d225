import XCTest
@testable import Measurement

/// One CSV writer for every file: RFC 4180 quoting in one place.
final class CSVWriterTests: XCTestCase {
    func testFieldsAreQuotedOnlyWhenTheyMustBe() {
        XCTAssertEqual(CSVWriter.field("UID FETCH"), "UID FETCH")
        XCTAssertEqual(CSVWriter.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVWriter.field("two\nlines"), "\"two\nlines\"", "a line break would start a new row")
    }

    func testAFileIsItsHeaderAndRowsEachEndingInANewline() {
        var file = CSVWriter(header: ["command", "count"])
        file.append(["a,b", "3"])
        XCTAssertEqual(file.text, "command,count\n\"a,b\",3\n")
    }
}
