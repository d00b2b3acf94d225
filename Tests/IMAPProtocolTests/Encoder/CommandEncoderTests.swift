import IMAPProtocol
import XCTest

final class CommandEncoderTests: XCTestCase {
    func parts(_ command: Command, _ options: EncodingOptions = EncodingOptions(), tag: String = "a1") -> [String] {
        CommandEncoder(options: options).encode(command, tag: tag).parts.map { String(decoding: $0, as: UTF8.self) }
    }

    var literalPlus: EncodingOptions { EncodingOptions(capabilities: ["IMAP4rev1", "literal+", "SASL-IR"]) }
    var literalMinus: EncodingOptions { EncodingOptions(capabilities: ["LITERAL-"]) }

    func testEveryCommand() {
        let table: [(Command, [String])] = [
            (.capability, ["a1 CAPABILITY\r\n"]), (.noop, ["a1 NOOP\r\n"]), (.logout, ["a1 LOGOUT\r\n"]),
            (.startTLS, ["a1 STARTTLS\r\n"]), (.namespace, ["a1 NAMESPACE\r\n"]), (.check, ["a1 CHECK\r\n"]),
            (.close, ["a1 CLOSE\r\n"]), (.unselect, ["a1 UNSELECT\r\n"]), (.expunge, ["a1 EXPUNGE\r\n"]),
            (.idle, ["a1 IDLE\r\n"]),
            (.login(user: "user1", password: "pass"), ["a1 LOGIN user1 pass\r\n"]),
            (.login(user: "", password: "p a\"s\\s"), ["a1 LOGIN \"\" \"p a\\\"s\\\\s\"\r\n"]),
            (.login(user: "jürgen", password: "x"), ["a1 LOGIN {7}\r\n", "jürgen x\r\n"]),
            (
                .authenticatePlain(user: "user1", password: "pass"),
                ["a1 AUTHENTICATE PLAIN\r\n", "AHVzZXIxAHBhc3M=\r\n"]
            ),
            (.enable(["CONDSTORE", "QRESYNC"]), ["a1 ENABLE CONDSTORE QRESYNC\r\n"]),
            (.id(nil), ["a1 ID NIL\r\n"]),
            (
                .id([IDField(name: "name", value: "imapbench"), IDField(name: "os", value: nil)]),
                ["a1 ID (\"name\" \"imapbench\" \"os\" NIL)\r\n"]
            ),
            (.select(mailbox: "INBOX"), ["a1 SELECT INBOX\r\n"]),
            (.select(mailbox: "INBOX", condstore: true), ["a1 SELECT INBOX (CONDSTORE)\r\n"]),
            (.examine(mailbox: "Sent Items"), ["a1 EXAMINE \"Sent Items\"\r\n"]),
            (.create(mailbox: "a/b"), ["a1 CREATE a/b\r\n"]), (.delete(mailbox: "x%"), ["a1 DELETE \"x%\"\r\n"]),
            (.rename(from: "a", to: "b c"), ["a1 RENAME a \"b c\"\r\n"]),
            (.subscribe(mailbox: "a"), ["a1 SUBSCRIBE a\r\n"]), (.unsubscribe(mailbox: "a"), ["a1 UNSUBSCRIBE a\r\n"]),
            (.list(reference: "", pattern: "*"), ["a1 LIST \"\" *\r\n"]),
            (.lsub(reference: "", pattern: "a%"), ["a1 LSUB \"\" a%\r\n"]),
            (.status(mailbox: "INBOX", items: [.messages, .uidNext]), ["a1 STATUS INBOX (MESSAGES UIDNEXT)\r\n"]),
            (
                .append(
                    mailbox: "INBOX", flags: ["\\Seen"], date: "01-Jan-2024 10:00:00 +0000",
                    message: Array("Hi\r\n".utf8)),
                ["a1 APPEND INBOX (\\Seen) \"01-Jan-2024 10:00:00 +0000\" {4}\r\n", "Hi\r\n\r\n"]
            ),
            (.uidExpunge(SequenceSet([.range(3, 5), .single(9)])), ["a1 UID EXPUNGE 3:5,9\r\n"]),
            (.search(criteria: "UNSEEN", uid: false), ["a1 SEARCH UNSEEN\r\n"]),
            (.search(criteria: "", uid: true), ["a1 UID SEARCH ALL\r\n"]),
            (.fetch(.all, items: [.flags, .uid], uid: true), ["a1 UID FETCH 1:* (FLAGS UID)\r\n"]),
            (.fetch(.single(4), items: [.raw("FAST")], uid: false), ["a1 FETCH 4 FAST\r\n"]),
            (
                .fetch(
                    SequenceSet([.last]),
                    items: [
                        .bodySection(section: "", peek: true, partial: 0...99), .binary(section: "1", peek: false),
                        .internalDate, .rfc822Size, .envelope, .body, .bodyStructure, .rfc822, .rfc822Header,
                        .rfc822Text, .modSeq,
                    ], uid: false),
                [
                    "a1 FETCH * (BODY.PEEK[]<0.100> BINARY[1] INTERNALDATE RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE RFC822 RFC822.HEADER RFC822.TEXT MODSEQ)\r\n"
                ]
            ),
            (
                .store(.single(1), .add, flags: ["\\Seen", "\\Flagged"], silent: true, uid: false),
                ["a1 STORE 1 +FLAGS.SILENT (\\Seen \\Flagged)\r\n"]
            ),
            (.store(.range(1, 2), .replace, flags: [], silent: false, uid: true), ["a1 UID STORE 1:2 FLAGS ()\r\n"]),
            (.copy(.single(1), mailbox: "Archive", uid: false), ["a1 COPY 1 Archive\r\n"]),
            (.move(.single(7), mailbox: "Trash", uid: true), ["a1 UID MOVE 7 Trash\r\n"]),
            (.raw("XYZZY 1"), ["a1 XYZZY 1\r\n"]),
        ]
        for (command, expected) in table { XCTAssertEqual(parts(command), expected, "\(command)") }
    }

    /// Sets are written digit by digit into the command (no String per number): the same text as `wireText`.
    func testSequenceSetsAreWrittenAsTheirWireText() {
        let sets: [SequenceSet] = [
            .single(0), .single(9), .single(10), .single(99), .single(100), .single(1_000_000), .single(UInt32.max),
            .range(1, nil), .range(7, 4_294_967_295), SequenceSet([.last]),
            SequenceSet([.single(1), .range(3, 5), .range(10, nil), .last, .single(42)]),
        ]
        for set in sets {
            XCTAssertEqual(parts(.fetch(set, items: [.uid], uid: true)), ["a1 UID FETCH \(set.wireText) (UID)\r\n"])
            XCTAssertEqual(
                parts(.store(set, .remove, flags: ["\\Deleted"], silent: false, uid: false)),
                ["a1 STORE \(set.wireText) -FLAGS (\\Deleted)\r\n"])
        }
        XCTAssertEqual(SequenceSet([.single(4_294_967_295), .range(0, 10)]).wireText, "4294967295,0:10")
    }

    /// A connection encodes a read burst's commands into one buffer: each lands after the last,
    /// and a command cut by a synchronizing literal leaves its first part there, the rest returned.
    func testEncodingAppendsToABufferAndReturnsOnlyTheLaterParts() {
        let encoder = CommandEncoder()
        var output = Array("a1 NOOP\r\n".utf8)
        XCTAssertEqual(encoder.encode(.check, tag: "a2", appendingFirstPartTo: &output), [])
        let later = encoder.encode(.login(user: "jürgen", password: "x"), tag: "a3", appendingFirstPartTo: &output)
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "a1 NOOP\r\na2 CHECK\r\na3 LOGIN {7}\r\n")
        XCTAssertEqual(later.map { String(decoding: $0, as: UTF8.self) }, ["jürgen x\r\n"])
    }

    func testLiteralPlusMinusAndSaslIR() {
        let message = [UInt8](repeating: 0x61, count: 5000)
        let append = Command.append(mailbox: "INBOX", flags: [], date: nil, message: message)
        XCTAssertEqual(parts(append, literalPlus).count, 1)
        XCTAssertTrue(parts(append, literalPlus)[0].hasPrefix("a1 APPEND INBOX {5000+}\r\naaa"))
        XCTAssertEqual(parts(append, literalMinus).count, 2, "LITERAL- only for at most 4096 bytes")
        let small = Command.append(mailbox: "INBOX", flags: [], date: nil, message: Array("x".utf8))
        XCTAssertEqual(parts(small, literalMinus), ["a1 APPEND INBOX {1+}\r\nx\r\n"])
        XCTAssertEqual(
            parts(.authenticatePlain(user: "user1", password: "pass"), literalPlus),
            ["a1 AUTHENTICATE PLAIN AHVzZXIxAHBhc3M=\r\n"])
        XCTAssertEqual(CommandEncoder.idleDone, Array("DONE\r\n".utf8))
        XCTAssertEqual(
            CommandEncoder().encode(append, tag: "a1").byteCount, "a1 APPEND INBOX {5000}\r\n".utf8.count + 5002)
    }

    func testEncodingOptionsFromCapabilities() {
        let options = EncodingOptions(capabilities: ["IMAP4REV1", "Literal-", "sasl-ir"])
        XCTAssertEqual([options.literalPlus, options.literalMinus, options.saslIR], [false, true, true])
    }

    /// Strings encoded by the encoder read back through the response grammar, and APPEND's literal
    /// framing reads back as a body literal of the same bytes.
    func testEncodeThenParseRoundTrips() throws {
        let names = ["INBOX", "Sent Items", "quote\"and\\back", "", "jürgen", "line\r\nbreak", "[Gmail]/All", "a{3}"]
        for name in names {
            for options in [EncodingOptions(), literalPlus] {
                let encoded = CommandEncoder(options: options).encode(.create(mailbox: name), tag: "a1").parts.joined()
                let argument = encoded.dropFirst("a1 CREATE ".utf8.count)
                let response = Array("* LIST () \"/\" ".utf8) + argument
                var parsed: [Response] = []
                var parser = ResponseParser()
                try parser.feed(response) { parsed.append($0) }
                XCTAssertEqual(
                    parsed, [.untagged(.list(ListEntry(attributes: [], delimiter: "/", mailbox: name)))], name)
            }
        }
        let message = Array("Subject: x\r\n\r\nbody with {5}\r\n".utf8)
        let append = CommandEncoder().encode(
            .append(mailbox: "INBOX", flags: [], date: nil, message: message), tag: "a1")
        let literal = append.parts.joined().dropFirst("a1 APPEND INBOX ".utf8.count).dropLast(2)
        var parser = ResponseParser(keepBodies: true)
        var parsed: [Response] = []
        try parser.feed(Array("* 1 FETCH (BODY[] ".utf8) + literal + Array(")\r\n".utf8)) { parsed.append($0) }
        XCTAssertEqual(
            parsed,
            [
                .untagged(
                    .fetch(
                        sequenceNumber: 1,
                        attributes: [
                            .body(.body, section: "", origin: nil, byteCount: message.count, data: message)
                        ]))
            ])
    }
}
