import XCTest
@testable import Measurement
@testable import Reporting

/// timeseries.csv's `phase` column (Results/README.md): every row says which run phase its
/// interval belongs to, so a script can drop the warm-up without knowing its length.
final class TimeseriesPhaseTests: XCTestCase {
    func testEveryRowNamesItsPhase() throws {
        let lines = CSVTables.timeseries(SyntheticRun.make(drain: 0.05)).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first?.split(separator: ",").last, "phase")
        let phases = lines.dropFirst().map { String($0.split(separator: ",").last ?? "") }
        XCTAssertEqual(Set(phases), ["warmup", "hold", "drain"])
        XCTAssertTrue(
            lines.contains { $0.hasPrefix("0.000,all,") && $0.hasSuffix(",warmup") }, "the first second is warm-up")
        XCTAssertTrue(lines.contains { $0.hasPrefix("2.000,all,") && $0.hasSuffix(",hold") })
    }
}
