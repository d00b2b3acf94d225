import XCTest
final class PlaceholderIMAPServerTests: XCTestCase { func testNothing() { XCTAssertTrue(true) } }
