import IMAPProtocol
import XCTest

final class CivilDateTests: XCTestCase {
    func testKnownDatesBothWays() {
        let known: [(Int64, (Int, Int, Int))] = [
            (0, (1970, 1, 1)), (-1, (1969, 12, 31)), (19_723, (2024, 1, 1)), (19_782, (2024, 2, 29)),
            (11_016, (2000, 2, 29)), (-719_468, (0, 3, 1)),
        ]
        for (days, date) in known {
            let civil = CivilDate.civil(fromDays: days)
            XCTAssertEqual([civil.year, civil.month, civil.day], [date.0, date.1, date.2], "day \(days)")
            XCTAssertEqual(CivilDate.days(year: date.0, month: date.1, day: date.2), days)
        }
    }

    func testEveryDayOfFourCenturiesRoundTrips() {
        for days in Int64(-73_000)...Int64(73_000) {
            let civil = CivilDate.civil(fromDays: days)
            XCTAssertEqual(CivilDate.days(year: civil.year, month: civil.month, day: civil.day), days)
        }
        XCTAssertEqual(CivilDate.weekdayNamesFromEpoch[0], "Thu", "1970-01-01 was a Thursday")
    }
}
