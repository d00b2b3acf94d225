import IMAPProtocol
import NIOCore
import NIOEmbedded
import XCTest

@testable import IMAPClient

/// The handler attributes to each command exactly the bytes the parser framed as its responses,
/// however the server's bytes are cut into reads (the parser is the only framing).
final class IMAPChannelHandlerFramingTests: XCTestCase {
    private let greeting = "* OK ready\r\n"

    /// Sends two pipelined NOOPs (tags A1, A2), then feeds `replies` cut at `splits`; returns the records.
    private func records(replies: String, splits: [Int]) throws -> [CommandRecord] {
        var configuration = ConnectionConfiguration(host: "127.0.0.1", port: 143)
        configuration.pipelineDepth = 2
        let channel = EmbeddedChannel()
        let handler = IMAPChannelHandler(configuration: configuration, eventLoop: channel.eventLoop, started: .now())
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.writeInbound(channel.allocator.buffer(string: greeting))
        var done: [CommandRecord] = []
        for _ in 0..<2 { handler.enqueue(.noop, completion: .callback { done.append($0) }) }
        let bytes = Array(replies.utf8)
        var start = 0
        for end in splits + [bytes.count] where end > start {
            try channel.writeInbound(channel.allocator.buffer(bytes: bytes[start..<end]))
            start = end
        }
        _ = try? channel.finish()
        return done.sorted { $0.tag < $1.tag }
    }

    /// `{5-}` is client-side LITERAL- syntax (RFC 7888), never a literal in a response: the bytes
    /// after it are the next response. The old boundary scanner took "A2 OK" for literal data and
    /// gave both responses' bytes to A1.
    func testTextEndingLikeALiteralMinusIsNotALiteral() throws {
        let first = "A1 OK {5-}\r\n"
        let second = "A2 OK done\r\n"
        let whole = try records(replies: first + second, splits: [])
        XCTAssertEqual(whole.map(\.outcome), [.ok, .ok])
        XCTAssertEqual(whole.map(\.bytesRead), [first.utf8.count, second.utf8.count])
    }

    /// A literal size of 19 digits (zero-padded) is a literal for the parser; the old scanner stopped
    /// reading digits at 18, took the literal's data for lines (and the `{3}` in it for a literal),
    /// and so gave A2's reply bytes to A1, which the FETCH before it was attributed to.
    func testNineteenDigitLiteralSizeIsFramedAsOneLiteral() throws {
        let fetch = "* 1 FETCH (BODY[] {0000000000000000007}\r\nx {3}\r\n)\r\n"
        let records = try records(replies: fetch + "A2 OK done\r\nA1 OK done\r\n", splits: [])
        XCTAssertEqual(records.map(\.outcome), [.ok, .ok])
        XCTAssertEqual(records.map(\.bytesRead), [fetch.utf8.count + 12, 12])
        XCTAssertEqual(records.map(\.untaggedCount), [1, 0])
    }

    /// Every cut of the stream, including inside a literal and its announcement, gives the same records.
    func testSameRecordsAtEverySplit() throws {
        let replies =
            "* 1 FETCH (BODY[] {12}\r\nA1 OK\r\nworld UID 5)\r\n* 2 FETCH (BINARY[] ~{6}\r\na{1}\r\n)\r\n"
            + "A1 OK done\r\n* 3 FETCH (BODY[] {4+}\r\n{2}\n)\r\nA2 OK {5-}\r\n"
        let expected = try records(replies: replies, splits: [])
        XCTAssertEqual(expected.map(\.outcome), [.ok, .ok])
        XCTAssertEqual(expected.map(\.bytesRead).reduce(0, +), replies.utf8.count)
        for split in 1..<replies.utf8.count {
            let split = try records(replies: replies, splits: [split])
            XCTAssertEqual(split.map(\.bytesRead), expected.map(\.bytesRead), "split at \(split)")
            XCTAssertEqual(split.map(\.outcome), expected.map(\.outcome), "split at \(split)")
        }
        let oneByteAtATime = try records(replies: replies, splits: Array(1..<replies.utf8.count))
        XCTAssertEqual(oneByteAtATime.map(\.bytesRead), expected.map(\.bytesRead))
    }

    /// A literal size beyond any limit ends the commands as protocol errors with the parser's reason.
    func testHugeLiteralSizeIsRefusedWithAClearError() throws {
        let records = try records(replies: "* 1 FETCH (BODY[] {99999999999999999999}\r\n", splits: [])
        XCTAssertEqual(records.map(\.outcome), [.protocolError, .protocolError])
        XCTAssertTrue(records[0].text.contains("a literal of at most"), records[0].text)
    }
}
