import XCTest
@testable import IMAPProtocol

/// Releasing spare capacity (done when a connection parks in IDLE) must never lose bytes.
final class ResponseParserSpareCapacityTests: XCTestCase {
    func testReleaseInTheMiddleOfAResponseKeepsItsBytes() throws {
        var parser = ResponseParser()
        var responses: [Response] = []
        try parser.feed(Array("* 3 FETCH (UID 7 FL".utf8)) { responses.append($0) }
        XCTAssertFalse(parser.isAtResponseBoundary)
        parser.releaseSpareCapacity()
        XCTAssertGreaterThan(parser.bufferedByteCount, 0, "half a response is still held")
        try parser.feed(Array("AGS (\\Seen))\r\n".utf8)) { responses.append($0) }
        XCTAssertEqual(responses, [.untagged(.fetch(sequenceNumber: 3, attributes: [.uid(7), .flags(["\\Seen"])]))])
    }

    func testReleaseAtABoundaryFreesAndTheParserGoesOn() throws {
        var parser = ResponseParser()
        var responses: [Response] = []
        try parser.feed(Array("* 4 EXISTS\r\n".utf8)) { responses.append($0) }
        parser.releaseSpareCapacity()
        XCTAssertEqual(parser.bufferedByteCount, 0)
        try parser.feed(Array("a1 OK done\r\n".utf8)) { responses.append($0) }
        XCTAssertEqual(
            responses,
            [
                .untagged(.exists(4)),
                .tagged(TaggedResponse(tag: "a1", state: ResponseState(status: .ok, text: "done"))),
            ])
    }
}
