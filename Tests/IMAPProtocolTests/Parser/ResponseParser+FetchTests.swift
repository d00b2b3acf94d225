import IMAPProtocol
import XCTest

/// FETCH attributes, including streamed body literals.
final class ResponseParserFetchTests: XCTestCase {
    func fetch(_ number: UInt32, _ attributes: [FetchAttribute]) -> Response {
        .untagged(.fetch(sequenceNumber: number, attributes: attributes))
    }

    func testSimpleAttributes() {
        let fixtures: [ParseFixture] = [
            .init(
                "* 12 FETCH (UID 4827313 FLAGS (\\Seen \\Recent))\r\n",
                .parsed([fetch(12, [.uid(4_827_313), .flags(["\\Seen", "\\Recent"])])])),
            .init("* 1 FETCH (FLAGS ())\r\n", .parsed([fetch(1, [.flags([])])])),
            .init(
                "* 1 fetch (uid 5 rfc822.size 2481 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" MODSEQ (624140003))\r\n",
                .parsed([
                    fetch(
                        1,
                        [.uid(5), .rfc822Size(2481), .internalDate("17-Jul-1996 02:44:25 -0700"), .modSeq(624_140_003)])
                ])),
            .init(
                "* 2 FETCH (ENVELOPE (NIL \"subj\" NIL NIL NIL NIL NIL NIL NIL \"<id>\"))\r\n",
                .parsed([fetch(2, [.envelope("(NIL \"subj\" NIL NIL NIL NIL NIL NIL NIL \"<id>\")")])])),
            .init(
                "* 2 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1) BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1 NIL NIL NIL NIL) \"mixed\"))\r\n",
                .parsed([
                    fetch(
                        2,
                        [
                            .bodyStructure("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1)", extensible: false),
                            .bodyStructure(
                                "((\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1 NIL NIL NIL NIL) \"mixed\")",
                                extensible: true),
                        ])
                ])),
            // RFC 3501 body-type-mpart: the parts follow each other with no space between them
            .init(
                "* 4 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 5 1) \"alternative\"))\r\n",
                .parsed([
                    fetch(
                        4,
                        [
                            .bodyStructure(
                                "((\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 5 1) \"alternative\")",
                                extensible: true)
                        ])
                ])),
            .init(
                "* 3 FETCH (BINARY.SIZE[1] 120 X-GM-MSGID 1278455344230334865)\r\n",
                .parsed([
                    fetch(
                        3,
                        [
                            .other(name: "BINARY.SIZE[1]", value: "120"),
                            .other(name: "X-GM-MSGID", value: "1278455344230334865"),
                        ])
                ])),
            .init("* 1 FETCH (UID 1 FLAGS (\\Seen)", .needsMoreBytes([])),
            .init("* 1 FETCH (UID x)\r\n", .rejected("a UID")),
            .init("* 1 FETCH UID 1\r\n", .rejected("\"(\"")),
        ]
        fixtures.forEach { $0.check() }
    }

    func testBodyLiteralsAreStreamedAndCounted() {
        let fixtures: [ParseFixture] = [
            .init(
                "* 1 FETCH (UID 7 BODY[] {5}\r\nHello FLAGS (\\Seen))\r\n",
                .parsed([
                    fetch(
                        1,
                        [.uid(7), .body(.body, section: "", origin: nil, byteCount: 5, data: nil), .flags(["\\Seen"])])
                ])),
            .init(
                "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT FROM)]<0> {4}\r\nab\r\n)\r\n",
                .parsed([
                    fetch(
                        1,
                        [
                            .body(
                                .body, section: "HEADER.FIELDS (SUBJECT FROM)", origin: 0, byteCount: 4,
                                data: [0x61, 0x62, 0x0D, 0x0A])
                        ])
                ]),
                keepBodies: true),
            .init(
                "* 1 FETCH (BODY[TEXT] \"a\\\"b\" BODY[1] NIL)\r\n",
                .parsed([
                    fetch(
                        1,
                        [
                            .body(.body, section: "TEXT", origin: nil, byteCount: 3, data: Array("a\"b".utf8)),
                            .body(.body, section: "1", origin: nil, byteCount: nil, data: nil),
                        ])
                ]), keepBodies: true),
            .init(
                "* 5 FETCH (BINARY[1] ~{3}\r\n\0\u{1}\u{2})\r\n",
                .parsed([fetch(5, [.body(.binary, section: "1", origin: nil, byteCount: 3, data: [0, 1, 2])])]),
                keepBodies: true),
            .init(
                "* 4 FETCH (RFC822.HEADER {2}\r\nab RFC822.TEXT {0}\r\n RFC822 {1+}\r\nc)\r\n",
                .parsed([
                    fetch(
                        4,
                        [
                            .body(.rfc822Header, section: "", origin: nil, byteCount: 2, data: nil),
                            .body(.rfc822Text, section: "", origin: nil, byteCount: 0, data: nil),
                            .body(.rfc822, section: "", origin: nil, byteCount: 1, data: nil),
                        ])
                ])),
            .init("* 1 FETCH (BODY[] {10}\r\nabc", .needsMoreBytes([])),
            .init("* 1 FETCH (BODY[] {3}\r\nabc", .needsMoreBytes([])),
        ]
        fixtures.forEach { $0.check() }
    }

    func testBodySinkReceivesEveryBodyByte() throws {
        final class Collected: @unchecked Sendable { var bytes: [UInt8] = [] }
        let collected = Collected()
        var parser = ResponseParser()
        parser.bodySink = { collected.bytes.append(contentsOf: $0) }
        let input = Array("* 1 FETCH (BODY[] {11}\r\nhello world ENVELOPE (\"{3}\"))\r\n".utf8)
        var responses: [Response] = []
        for byte in input { try parser.feed([byte]) { responses.append($0) } }
        XCTAssertEqual(String(decoding: collected.bytes, as: UTF8.self), "hello world")
        XCTAssertEqual(responses.count, 1)
        XCTAssertEqual(parser.bufferedByteCount, 0)
    }

    func testLargeBodyIsNotBuffered() throws {
        var parser = ResponseParser()
        try parser.feed(Array("* 1 FETCH (BODY[] {10000000}\r\n".utf8)) { _ in XCTFail("too early") }
        let chunk = [UInt8](repeating: 0x41, count: 65536)
        var maximum = 0
        for _ in 0..<150 {
            try parser.feed(chunk) { _ in }
            maximum = max(maximum, parser.bufferedByteCount)
        }
        XCTAssertLessThan(maximum, 100, "body bytes were buffered")
    }
}
