import XCTest

@testable import IMAPServer

/// MIME analysis, ENVELOPE and BODYSTRUCTURE rendering, and the synthetic library.
final class MessageContentTests: XCTestCase {
    private let multipart = """
        From: "Alice Martin" <alice@example.com>\r
        To: bob@example.com, "Carol, D." <carol@example.com>\r
        Subject: Quarterly "report"\r
        Date: Mon, 1 Jan 2024 10:00:00 +0000\r
        Message-ID: <m1@example.com>\r
        Content-Type: multipart/mixed; boundary="b1"\r
        \r
        preamble\r
        --b1\r
        Content-Type: text/plain; charset=us-ascii\r
        \r
        line one\r
        line two\r
        --b1\r
        Content-Type: application/pdf; name="r.pdf"\r
        Content-Transfer-Encoding: base64\r
        Content-Disposition: attachment; filename="r.pdf"\r
        \r
        QUJD\r
        --b1--\r

        """

    func testMultipartStructureAndSections() {
        let content = MessageContent(bytes: Array(multipart.utf8))
        XCTAssertEqual(content.root.children.count, 2)
        XCTAssertEqual(
            content.bodyStructure,
            "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 18 2 NIL NIL NIL NIL)"
                + "(\"APPLICATION\" \"PDF\" (\"NAME\" \"r.pdf\") NIL NIL \"BASE64\" 4 NIL (\"ATTACHMENT\" (\"FILENAME\" \"r.pdf\")) NIL NIL)"
                + " \"MIXED\" (\"BOUNDARY\" \"b1\") NIL NIL NIL)")
        XCTAssertEqual(
            content.body,
            "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 18 2)(\"APPLICATION\" \"PDF\" (\"NAME\" \"r.pdf\") NIL NIL \"BASE64\" 4) \"MIXED\")"
        )
        let part1 = BodySectionRequest(part: [1], text: nil, peek: true, partial: nil, label: "1")
        let range = content.sectionRange(part1)!
        XCTAssertEqual(String(decoding: content.bytes(in: range), as: UTF8.self), "line one\r\nline two")
        let mime = BodySectionRequest(part: [2], text: .mime, peek: true, partial: nil, label: "2.MIME")
        XCTAssertTrue(
            String(decoding: content.bytes(in: content.sectionRange(mime)!), as: UTF8.self).hasPrefix(
                "Content-Type: application/pdf"))
        XCTAssertNil(
            content.sectionRange(BodySectionRequest(part: [3], text: nil, peek: true, partial: nil, label: "3")))
        let fields = BodySectionRequest(part: [], text: .headerFields(["subject"]), peek: true, partial: nil, label: "")
        XCTAssertEqual(
            String(decoding: content.filteredHeader(fields), as: UTF8.self), "Subject: Quarterly \"report\"\r\n\r\n")
    }

    func testEnvelope() {
        let content = MessageContent(bytes: Array(multipart.utf8))
        XCTAssertEqual(
            content.envelope,
            "(\"Mon, 1 Jan 2024 10:00:00 +0000\" \"Quarterly \\\"report\\\"\" ((\"Alice Martin\" NIL \"alice\" \"example.com\"))"
                + " ((\"Alice Martin\" NIL \"alice\" \"example.com\")) ((\"Alice Martin\" NIL \"alice\" \"example.com\"))"
                + " ((NIL NIL \"bob\" \"example.com\")(\"Carol, D.\" NIL \"carol\" \"example.com\")) NIL NIL NIL \"<m1@example.com>\")"
        )
        XCTAssertEqual(content.sentDay, IMAPDate.days(year: 2024, month: 1, day: 1))
    }

    func testSyntheticLibraryIsDeterministicAndCoversEverySizeClass() {
        let first = SyntheticMessageLibrary(seed: 3, count: 50)
        let second = SyntheticMessageLibrary(seed: 3, count: 50)
        XCTAssertEqual(first.contents.map(\.buffer), second.contents.map(\.buffer))
        let sizes = first.contents.map(\.size)
        XCTAssertLessThan(sizes.min() ?? 0, 2_500)
        XCTAssertGreaterThan(sizes.max() ?? 0, 1_000_000)
        XCTAssertTrue(first.contents.contains { $0.root.subtype == "alternative" && $0.root.children.count == 2 })
        XCTAssertTrue(first.contents.contains { $0.root.subtype == "mixed" && $0.root.children.count == 2 })
        XCTAssertTrue(first.contents.contains { $0.root.type == "text" && $0.root.children.isEmpty })
    }

    func testRecentBelongsToTheFirstSessionThatSeesAMessage() async throws {
        var configuration = ServerConfiguration()
        configuration.users = 1
        configuration.messagesPerMailbox = 2
        configuration.startTLS = false
        let store = MailStore(configuration: configuration)
        let account = try XCTUnwrap(store.authenticate(user: "user1", password: "pass"))
        account.withLock {
            _ = account.mailbox(named: "INBOX")?.append(
                content: MessageContent(bytes: Array("Subject: new\r\n\r\nx\r\n".utf8)), flags: MessageFlags(),
                internalDate: 0)
        }
        var writer = ResponseWriter(allocator: .init())
        let first = Session(store: store, identifier: 1, canStartTLS: false)
        first.account = account
        first.enter(.authenticated)
        _ = first.select(tag: "a", name: "inbox", readOnly: false, into: &writer)
        XCTAssertEqual(first.selected?.recent, [3])
        let second = Session(store: store, identifier: 2, canStartTLS: false)
        second.account = account
        second.enter(.authenticated)
        _ = second.select(tag: "b", name: "INBOX", readOnly: false, into: &writer)
        XCTAssertEqual(second.selected?.recent, [])
        XCTAssertNil(store.authenticate(user: "user2", password: "pass"), "only user1 exists")
        XCTAssertNil(store.authenticate(user: "user1", password: "wrong"))
    }
}
