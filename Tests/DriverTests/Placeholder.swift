import XCTest
final class PlaceholderDriverTests: XCTestCase { func testNothing() { XCTAssertTrue(true) } }
