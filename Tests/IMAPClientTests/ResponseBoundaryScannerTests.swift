import XCTest

@testable import IMAPClient

/// Response boundaries must come out the same however the stream is cut into chunks.
final class ResponseBoundaryScannerTests: XCTestCase {
    /// Each element is one complete response; literals contain CRLF and braces to mislead a naive scanner.
    private static let responses = [
        "* 1 FETCH (BODY[] {12}\r\nhello\r\nworld UID 5)\r\n",
        "* OK {0}\r\n\r\n",
        "+ go\r\n",
        "a1 OK done\r\n",
        "* 2 FETCH (BINARY[] ~{6}\r\na{1}\r\n)\r\n",
        "* X {4+}\r\n{2}\n tail\n",
    ]
    private let stream = Array(responses.joined().utf8)
    private let expected = responses.reduce(into: [Int]()) { ends, response in
        ends.append((ends.last ?? 0) + response.utf8.count)
    }

    private func boundaries(splitAt splits: [Int]) -> [Int] {
        var scanner = ResponseBoundaryScanner()
        var found: [Int] = []
        var start = 0
        for end in splits + [stream.count] {
            stream[start..<end].withUnsafeBytes { bytes in
                scanner.scan(bytes) { found.append(start + $0) }
            }
            start = end
        }
        return found
    }

    func testWholeStream() {
        XCTAssertEqual(boundaries(splitAt: []), expected)
    }

    func testSplitAtEveryByte() {
        for split in 0...stream.count {
            XCTAssertEqual(boundaries(splitAt: [split]), expected, "split at \(split)")
        }
        XCTAssertEqual(boundaries(splitAt: Array(1..<stream.count)), expected, "one byte at a time")
    }
}
