import XCTest
final class PlaceholderIMAPProtocolTests: XCTestCase { func testNothing() { XCTAssertTrue(true) } }
