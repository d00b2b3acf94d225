import NIOCore
import XCTest

@testable import IMAPServer

/// Framing (every input split at every byte) and the command grammar.
final class CommandGrammarTests: XCTestCase {
    private func frames(_ chunks: [String]) -> (frames: [String], continuations: Int) {
        var framer = CommandFramer()
        var buffer = ByteBuffer()
        var result: [String] = []
        var continuations = 0
        for chunk in chunks {
            buffer.writeString(chunk)
            while let event = framer.next(&buffer) {
                switch event {
                case .frame(let frame):
                    result.append(
                        String(decoding: frame.text, as: UTF8.self)
                            + frame.literals.map { "|\(String(buffer: $0))" }.joined())
                case .continuationNeeded: continuations += 1
                case .tooLarge: result.append("TOO LARGE")
                }
            }
        }
        return (result, continuations)
    }

    func testFramingIsTheSameWhateverTheSplit() {
        let input = "a1 NOOP\r\na2 APPEND INBOX {5}\r\nhello\r\na3 LOGIN {2+}\r\nme {4+}\r\npass\r\n"
        let expected = ["a1 NOOP", "a2 APPEND INBOX {5}|hello", "a3 LOGIN {2+} {4+}|me|pass"]
        XCTAssertEqual(frames([input]).frames, expected)
        XCTAssertEqual(frames([input]).continuations, 1)
        let bytes = Array(input.utf8)
        for split in 1..<bytes.count {
            let parts = [
                String(decoding: bytes[..<split], as: UTF8.self), String(decoding: bytes[split...], as: UTF8.self),
            ]
            XCTAssertEqual(frames(parts).frames, expected, "split at \(split)")
        }
    }

    func testOversizedLineIsRejected() {
        var framer = CommandFramer()
        framer.maximumLineLength = 16
        var buffer = ByteBuffer(string: String(repeating: "x", count: 40))
        guard case .tooLarge = framer.next(&buffer) else { return XCTFail("expected tooLarge") }
    }

    private func parse(_ text: String, literals: [String] = []) -> Result<TaggedCommand, CommandParser.Failure> {
        CommandParser.parse(CommandFrame(text: Array(text.utf8), literals: literals.map { ByteBuffer(string: $0) }))
    }

    func testParsesFetchItemsAndSections() throws {
        guard
            case .success(let command) = parse(
                "x UID FETCH 1:*,5 (FLAGS BODY.PEEK[1.2.MIME] BODY[HEADER.FIELDS (Subject)]<0.100> FAST)"),
            case .fetch(let set, let items, let uid) = command.command
        else { return XCTFail("not parsed") }
        XCTAssertTrue(uid)
        XCTAssertEqual(command.name, "FETCH")
        XCTAssertEqual(set.resolved(largest: 9), [1...9, 5...5])
        XCTAssertEqual(items.count, 6)
        guard case .section(let mime) = items[1], case .section(let fields) = items[2] else {
            return XCTFail("sections")
        }
        XCTAssertEqual(mime.part, [1, 2])
        XCTAssertEqual(mime.text, .mime)
        XCTAssertTrue(mime.peek)
        XCTAssertEqual(fields.label, "HEADER.FIELDS (SUBJECT)")
        XCTAssertEqual(fields.partial, .init(origin: 0, count: 100))
    }

    func testParsesSearchStoreAppendAndRejectsGarbage() {
        guard case .success(let search) = parse("s SEARCH OR SEEN NOT FLAGGED (SINCE 1-Feb-2024 UID 3:5) 2,4"),
            case .search(.and(let keys), false) = search.command
        else { return XCTFail("search") }
        XCTAssertEqual(keys.count, 3, "OR SEEN (NOT FLAGGED), the list, the set")
        guard case .success(let store) = parse("t STORE 1 -FLAGS.SILENT \\Seen $Work"),
            case .store(_, .remove, let flags, true, false) = store.command
        else { return XCTFail("store") }
        XCTAssertEqual(flags, ["\\Seen", "$Work"])
        guard
            case .success(let append) = parse(
                "u APPEND \"My Box\" (\\Seen) \"05-Mar-2024 10:00:00 +0100\" {3}", literals: ["abc"]),
            case .append("My Box", ["\\Seen"], let date?, let message) = append.command
        else { return XCTFail("append") }
        XCTAssertEqual(date, IMAPDate.days(year: 2024, month: 3, day: 5) * 86400 + 9 * 3600)
        XCTAssertEqual(message.readableBytes, 3)
        guard case .failure(let failure) = parse("v FETCH 1 (FLAGS") else { return XCTFail("garbage accepted") }
        XCTAssertEqual(failure.tag, "v")
        guard case .failure(let untagged) = parse("") else { return XCTFail("empty accepted") }
        XCTAssertNil(untagged.tag)
    }

    func testDatesRoundTrip() {
        XCTAssertEqual(IMAPDate.formatDateTime(0), "\"01-Jan-1970 00:00:00 +0000\"")
        XCTAssertEqual(IMAPDate.parseDay("29-Feb-2024"), IMAPDate.days(year: 2024, month: 2, day: 29))
        XCTAssertEqual(IMAPDate.formatHeaderDate(1_704_067_200), "Mon, 1 Jan 2024 00:00:00 +0000")
    }
}
