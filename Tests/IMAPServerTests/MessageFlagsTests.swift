import NIOCore
import XCTest

@testable import IMAPServer

/// Flag names fold ASCII case (RFC 3501 atoms); numbers are written without String building.
final class MessageFlagsTests: XCTestCase {
    func testSystemFlagNamesIgnoreCase() {
        XCTAssertEqual(MessageFlags.bit("\\SEEN"), MessageFlags.seen)
        XCTAssertEqual(MessageFlags.bit("\\flagged"), MessageFlags.flagged)
        XCTAssertEqual(MessageFlags.bit("\\Seenx"), 0)
        XCTAssertEqual(MessageFlags.bit("Seen"), 0)
        XCTAssertEqual(MessageFlags.systemNames.map(MessageFlags.bit), [1, 2, 4, 8, 16])
    }

    func testKeywordsIgnoreCaseAndTextListsAll() {
        var flags = MessageFlags(names: ["\\Deleted", "$Label1", "\\seen"])
        flags.insert("$LABEL1")
        XCTAssertEqual(flags.keywords, ["$Label1"])
        XCTAssertTrue(flags.contains("$label1"))
        XCTAssertFalse(flags.contains("$label"))
        XCTAssertEqual(flags.text(recent: true), "\\Deleted \\Seen \\Recent $Label1")
        flags.remove("$label1")
        flags.remove("\\DELETED")
        XCTAssertEqual(flags.text(recent: false), "\\Seen")
        XCTAssertEqual(MessageFlags().text(recent: true), "\\Recent")
    }

    func testASCIICaseFoldDoesNotEquatePunctuation() {
        XCTAssertTrue("Abc".equalsIgnoringASCIICase("aBC"))
        XCTAssertFalse("@".equalsIgnoringASCIICase("`"))
        XCTAssertFalse("ab".equalsIgnoringASCIICase("abc"))
    }

    func testWriterWritesNumbers() {
        var writer = ResponseWriter(allocator: ByteBufferAllocator())
        for value: UInt32 in [0, 7, 10, 4_294_967_295] {
            writer.write(number: value)
            writer.write(" ")
        }
        let bytes = writer.take().reduce(into: [UInt8]()) { $0 += $1.readableBytesView }
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "0 7 10 4294967295 ")
    }
}
