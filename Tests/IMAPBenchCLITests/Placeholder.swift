import XCTest
final class PlaceholderIMAPBenchCLITests: XCTestCase { func testNothing() { XCTAssertTrue(true) } }
