import XCTest
final class PlaceholderIMAPClientTests: XCTestCase { func testNothing() { XCTAssertTrue(true) } }
