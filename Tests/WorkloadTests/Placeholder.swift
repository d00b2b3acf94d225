import XCTest
final class PlaceholderWorkloadTests: XCTestCase { func testNothing() { XCTAssertTrue(true) } }
