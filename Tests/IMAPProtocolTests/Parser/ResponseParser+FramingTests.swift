import IMAPProtocol
import XCTest

/// `parseNext` is the only framing of the stream: each response with the bytes it took, the same
/// however the bytes are chunked, literals (`{n}`, `{n+}`, `~{n}`) counted whole.
final class ResponseParserFramingTests: XCTestCase {
    /// Each element is one complete response; literals contain CRLF and braces to mislead a naive framer.
    private static let responses = [
        "* 1 FETCH (BODY[] {12}\r\nhello\r\nworld UID 5)\r\n",
        "* 2 FETCH (BODY[] {0}\r\n)\r\n",
        "+ go\r\n",
        "a1 OK done\r\n",
        "* 2 FETCH (BINARY[] ~{6}\r\na{1}\r\n)\r\n",
        "* 3 FETCH (BODY[] {4+}\r\n{2}\n)\r\n",
        "* LIST () \"/\" {7}\r\nIN{3}\r\n\r\n",
        "* 4 FETCH (BODY[] {0000000000000000007}\r\nx {3}\r\n)\r\n",
        "a2 OK {5-}\r\n",
        "a3 OK done\n",
    ]
    private let stream = Array(responses.joined().utf8)
    private let expected = responses.map(\.utf8.count)

    /// The byte counts of the responses framed when the stream arrives cut at `splits`.
    private func byteCounts(splitAt splits: [Int]) throws -> [Int] {
        var parser = ResponseParser()
        var counts: [Int] = []
        var start = 0
        for end in splits + [stream.count] where end > start {
            try stream[start..<end].withUnsafeBytes { chunk in
                var index = 0
                while index < chunk.count {
                    let step = try parser.parseNext(UnsafeRawBufferPointer(rebasing: chunk[index...]))
                    XCTAssertGreaterThan(step.consumed, 0)
                    index += step.consumed
                    if let framed = step.framed { counts.append(framed.byteCount) }
                }
            }
            start = end
        }
        XCTAssertTrue(parser.isAtResponseBoundary)
        return counts
    }

    func testWholeStream() throws {
        XCTAssertEqual(try byteCounts(splitAt: []), expected)
    }

    func testSplitAtEveryByte() throws {
        for split in 1..<stream.count {
            XCTAssertEqual(try byteCounts(splitAt: [split]), expected, "split at \(split)")
        }
        XCTAssertEqual(try byteCounts(splitAt: Array(1..<stream.count)), expected, "one byte at a time")
    }

    /// A step ends right after a response, so the bytes behind it (after a STARTTLS OK) stay unread.
    func testStepStopsAfterEachResponse() throws {
        var parser = ResponseParser()
        let bytes = Array("a1 OK go\r\n* OK injected\r\n".utf8)
        let step = try bytes.withUnsafeBytes { try parser.parseNext($0) }
        XCTAssertEqual(step.consumed, 10)
        XCTAssertEqual(step.framed?.byteCount, 10)
        XCTAssertEqual(
            step.framed?.response,
            .tagged(TaggedResponse(tag: "a1", state: ResponseState(status: .ok, code: nil, text: "go"))))
    }

    /// `{n-}` is LITERAL- syntax for clients (RFC 7888 §4); in a response it is text, not a literal.
    func testLiteralMinusIsText() throws {
        var parser = ResponseParser()
        var responses: [Response] = []
        try parser.feed(Array("a1 OK {5-}\r\na2 OK done\r\n".utf8)) { responses.append($0) }
        XCTAssertEqual(responses.count, 2)
    }

    /// Sizes beyond any limit, as many digits as a hostile server likes, end in a clear error.
    func testHugeLiteralSizesAreRefusedClearly() {
        for digits in [19, 20, 40] {
            var parser = ResponseParser()
            let line = "* 1 FETCH (BODY[] {" + String(repeating: "9", count: digits) + "}\r\n"
            XCTAssertThrowsError(try parser.feed(Array(line.utf8)) { _ in }) { error in
                XCTAssertEqual(
                    (error as? ResponseParserError)?.reason,
                    "expected a literal of at most 268435456 bytes, got a literal announced larger", "\(digits)")
            }
        }
    }
}
