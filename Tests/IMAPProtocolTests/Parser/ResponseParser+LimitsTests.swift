import IMAPProtocol
import XCTest

/// Limits end in a clear error, never unbounded memory.
final class ResponseParserLimitsTests: XCTestCase {
    func limits(
        line: Int = 1_048_576, literal: Int = 256 << 20, depth: Int = 64, attributes: Int = 64
    ) -> ResponseParser.Limits {
        var limits = ResponseParser.Limits()
        limits.maxLineLength = line
        limits.maxLiteralSize = literal
        limits.maxNestingDepth = depth
        limits.maxFetchAttributes = attributes
        return limits
    }

    func testEachLimitRejects() {
        let fixtures: [ParseFixture] = [
            .init(
                "* OK " + String(repeating: "x", count: 100) + "\r\n", .rejected("a line of at most 64 bytes"),
                limits: limits(line: 64)),
            .init(
                "* OK " + String(repeating: "x", count: 100), .rejected("a line of at most 64 bytes"),
                limits: limits(line: 64)),
            .init(
                "* 1 FETCH (BODY[] {1000}\r\n", .rejected("a literal of at most 100 bytes"),
                limits: limits(literal: 100)),
            .init("* 1 FETCH (BODY[] {99999999999999999999999}\r\n", .rejected("a literal of at most")),
            .init(
                "* 1 FETCH (ENVELOPE (((((x))))))\r\n", .rejected("at most 3 nested parentheses"),
                limits: limits(depth: 3)),
            .init(
                "* 1 FETCH (UID 1 UID 2 UID 3)\r\n", .rejected("at most 2 FETCH attributes"),
                limits: limits(attributes: 2)),
            .init(
                "* 1 FETCH (BODY[] {0}\r\n BODY[] {0}\r\n BODY[] {0}\r\n)\r\n", .rejected("at most 2 body literals"),
                limits: limits(attributes: 2)),
            .init(
                "* ID ({30}\r\n" + String(repeating: "m", count: 30) + " {30}\r\n" + String(repeating: "m", count: 30)
                    + ")\r\n",
                .rejected("at most 50 bytes of string literals"), limits: limits(literal: 50)),
        ]
        fixtures.forEach { $0.check() }
    }

    func testMegabyteLineIsRejectedWithBoundedMemory() {
        var parser = ResponseParser()
        let chunk = [UInt8](repeating: 0x61, count: 4096)
        var failure: ResponseParserError?
        for _ in 0..<400 {
            do { try parser.feed(chunk) { _ in } } catch let error as ResponseParserError {
                failure = error; break
            } catch {}
            XCTAssertLessThanOrEqual(parser.bufferedByteCount, 1_048_576 + 4096)
        }
        XCTAssertNotNil(failure)
        XCTAssertTrue(failure?.description.contains("at most 1048576 bytes") ?? false)
    }

    func testParserStaysFailed() throws {
        var parser = ResponseParser()
        XCTAssertThrowsError(try parser.feed(Array("a1 WHAT\r\n".utf8)) { _ in })
        XCTAssertThrowsError(try parser.feed(Array("a1 OK fine\r\n".utf8)) { _ in XCTFail("emitted after failure") })
    }

    func testErrorSaysWhereAndWhat() {
        var parser = ResponseParser()
        var thrown: ResponseParserError?
        do { try parser.feed(Array("* 1 EXISTS\r\n* 2 FETCH (UID x)\r\n".utf8)) { _ in } } catch {
            thrown = error as? ResponseParserError
        }
        XCTAssertEqual(thrown?.offset, 12 + 15)
        XCTAssertEqual(thrown?.reason, "expected a UID, got \"x)\"")
        XCTAssertEqual(thrown?.line, "* 2 FETCH (UID x)\\r\\n")
    }
}
