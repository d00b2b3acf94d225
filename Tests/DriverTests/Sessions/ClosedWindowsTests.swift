import Measurement
import NIOCore
import XCTest
@testable import Driver

/// A command counts in the window it was due in, found from its due time alone.
final class ClosedWindowsTests: XCTestCase {
    private let start = NIODeadline.uptimeNanoseconds(1_000_000_000)

    private func at(_ milliseconds: Int64) -> NIODeadline { start + .milliseconds(milliseconds) }

    func testADueTimeFindsItsClosedWindow() {
        var windows = ClosedWindows()
        XCTAssertNil(windows.window(containing: at(10)), "nothing closed yet")
        windows.close(at: at(1000))
        windows.close(at: at(2000))
        XCTAssertEqual(windows.window(containing: at(10)), 0)
        XCTAssertEqual(windows.window(containing: at(999)), 0)
        XCTAssertEqual(windows.window(containing: at(1000)), 1, "a window's end belongs to the next")
        XCTAssertEqual(windows.window(containing: at(1999)), 1)
        XCTAssertNil(windows.window(containing: at(2000)), "still open")
        XCTAssertEqual(windows.end(ofWindowContaining: at(1500)), at(2000))
        XCTAssertNil(windows.end(ofWindowContaining: at(2500)))
    }

    func testLateSamplesAreKeptPerWindowAndTakenOnce() {
        var windows = ClosedWindows()
        windows.close(at: at(1000))
        windows.close(at: at(2000))
        windows.close(at: at(1500))  // out of order: ignored, windows only move forward
        let current = LatencyRecorder()
        XCTAssertTrue(windows.recorder(forDue: at(3000), current: current) === current)
        let sample = CommandSample(command: "NOOP", operation: "noop", outcome: .unanswered, responseNanos: 5_000_000)
        windows.recorder(forDue: at(1200), current: current).record(sample)
        let late = windows.takeLateSamples()
        XCTAssertEqual(late.count, 2)
        XCTAssertTrue(late[0].isEmpty)
        XCTAssertEqual(late[1].histograms.values.map(\.totalCount).max(), 1)
        XCTAssertTrue(windows.takeLateSamples().allSatisfy(\.isEmpty), "taken once")
        XCTAssertTrue(current.takeInterval().isEmpty, "nothing went to the current interval")
    }
}
