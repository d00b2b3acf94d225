import XCTest

@testable import IMAPServer

/// The server through the minimal test client: the commands the built-in profiles use.
final class ProtocolTests: ServerTestCase {
    func testLoginSelectAndFetchEveryItem() async throws {
        let server = try await startServer()
        let connection = try TestIMAPConnection(port: server.port)
        XCTAssertTrue(try connection.readLine().contains("IDLE"))
        XCTAssertTagged(try connection.command("a1", "LOGIN user1 wrong"), "a1 NO")
        XCTAssertTagged(try connection.command("a2", "LOGIN user1 pass"), "a2 OK")
        let select = try connection.command("a3", "SELECT INBOX")
        XCTAssertTrue(select.contains("* 10 EXISTS"), "\(select)")
        XCTAssertTrue(select.contains { $0.hasPrefix("* OK [UIDVALIDITY ") })
        XCTAssertTagged(select, "a3 OK [READ-WRITE]")
        let fetch = try connection.command(
            "a4",
            "FETCH 1 (FLAGS UID INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY BODY.PEEK[HEADER] BODY.PEEK[TEXT] BODY.PEEK[1] BODY.PEEK[]<0.10> BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])"
        )
        XCTAssertTagged(fetch, "a4 OK")
        let data = fetch[0]
        for item in [
            "FLAGS (", "UID 1", "INTERNALDATE \"", "RFC822.SIZE ", "ENVELOPE (", "BODYSTRUCTURE (", "BODY (",
            "BODY[HEADER] {", "BODY[TEXT] {", "BODY[1] {", "BODY[]<0> {10}", "BODY[HEADER.FIELDS (SUBJECT FROM)] {",
        ] {
            XCTAssertTrue(data.contains(item), "missing \(item) in \(data.prefix(600))")
        }
        let uidFetch = try connection.command("a5", "UID FETCH 1:* (FLAGS)")
        XCTAssertEqual(uidFetch.count, 11)
        XCTAssertTrue(uidFetch[0].contains("UID 1"), uidFetch[0])
        XCTAssertTagged(try connection.command("a6", "LOGOUT"), "a6 OK")
    }

    func testFetchOfWholeBodySetsSeenAndRFC822SizeMatches() async throws {
        let server = try await startServer()
        let connection = try connect(server, select: true)
        _ = try connection.command("b0", "STORE 2 -FLAGS (\\Seen)")
        let size = try connection.command("b1", "FETCH 2 RFC822.SIZE")[0]
        let declared = Int(size.split(separator: " ").last!.dropLast())!
        let body = try connection.command("b2", "FETCH 2 BODY[]")
        XCTAssertTrue(body[0].contains("BODY[] {\(declared)}"), String(body[0].prefix(100)))
        XCTAssertTrue(body[0].contains("\\Seen"), "FLAGS with \\Seen expected after BODY[]")
    }

    func testStoreAndSearch() async throws {
        let server = try await startServer()
        let connection = try connect(server, select: true)
        let store = try connection.command("c1", "STORE 1:3 +FLAGS (\\Flagged \\Deleted)")
        XCTAssertEqual(store.filter { $0.contains("FETCH (FLAGS (") && $0.contains("\\Flagged") }.count, 3, "\(store)")
        let silent = try connection.command("c2", "STORE 4 +FLAGS.SILENT (\\Flagged)")
        XCTAssertEqual(silent.count, 1)
        let search = try connection.command("c3", "SEARCH FLAGGED DELETED")
        XCTAssertTrue(search.contains("* SEARCH 1 2 3"), "\(search)")
        let uidSearch = try connection.command("c4", "UID SEARCH OR UID 4 UID 1 NOT DELETED")
        XCTAssertTrue(uidSearch.contains("* SEARCH 4"), "\(uidSearch)")
        let all = try connection.command("c5", "SEARCH CHARSET UTF-8 ALL LARGER 10 SINCE 1-Jan-2000 BEFORE 1-Jan-2100")
        XCTAssertTrue(all.contains("* SEARCH 1 2 3 4 5 6 7 8 9 10"), "\(all)")
        let subject = try connection.command("c6", "SEARCH SUBJECT \"#\" FROM example")
        XCTAssertTrue(subject.contains("* SEARCH 1 2 3 4 5 6 7 8 9 10"), "\(subject)")
        XCTAssertTagged(try connection.command("c7", "SEARCH BOGUS"), "c7 BAD")
    }

    func testAppendWithBothLiteralKinds() async throws {
        let server = try await startServer()
        let connection = try connect(server, select: true)
        let message = "From: a@example.com\r\nSubject: appended\r\n\r\nhello\r\n"
        try connection.send("d1 APPEND INBOX (\\Seen) {\(message.utf8.count)}\r\n")
        XCTAssertTrue(try connection.readLine().hasPrefix("+"))
        try connection.send(message + "\r\n")
        let first = try connection.readUntilTagged("d1")
        XCTAssertTrue(first.last?.contains("[APPENDUID ") ?? false, "\(first)")
        try connection.send("d2 APPEND INBOX {\(message.utf8.count)+}\r\n\(message)\r\n")
        let second = try connection.readUntilTagged("d2")
        XCTAssertTagged(second, "d2 OK")
        XCTAssertTrue(second.contains("* 12 EXISTS"), "\(second)")
        let search = try connection.command("d4", "SEARCH SUBJECT appended")
        XCTAssertTrue(search.contains("* SEARCH 11 12"), "\(search)")
        let missing = try connection.command("d5", "APPEND Nowhere {\(message.utf8.count)+}\r\n\(message)")
        XCTAssertTrue(missing.last?.contains("TRYCREATE") ?? false, "\(missing)")
    }

    func testCopyMoveAndExpungeRenumberingSeenByASecondSession() async throws {
        let server = try await startServer()
        let first = try connect(server, select: true)
        let second = try connect(server, select: true)
        let copy = try first.command("e1", "COPY 1:2 Archive")
        XCTAssertTrue(copy.last?.contains("[COPYUID ") ?? false, "\(copy)")
        let move = try first.command("e2", "UID MOVE 3 Trash")
        XCTAssertTrue(move.contains("* 3 EXPUNGE"), "\(move)")
        _ = try first.command("e3", "STORE 1 +FLAGS (\\Deleted)")
        let expunge = try first.command("e4", "EXPUNGE")
        XCTAssertTrue(expunge.contains("* 1 EXPUNGE"), "\(expunge)")
        // The second session learns both removals in order, numbered as it knew the messages.
        let seen = try second.command("f1", "NOOP")
        XCTAssertEqual(seen.filter { $0.hasSuffix("EXPUNGE") }, ["* 3 EXPUNGE", "* 1 EXPUNGE"], "\(seen)")
        let fetch = try second.command("f2", "FETCH 1 UID")
        XCTAssertTrue(fetch[0].contains("UID 2"), "\(fetch)")
        let status = try second.command("f3", "STATUS Archive (MESSAGES UIDNEXT)")
        XCTAssertTrue(status[0].contains("MESSAGES 4"), "\(status)")
    }

    func testFetchDuringOtherSessionsExpungeDefersTheExpunge() async throws {
        let server = try await startServer()
        let first = try connect(server, select: true)
        let second = try connect(server, select: true)
        _ = try first.command("g1", "STORE 1 +FLAGS (\\Deleted)")
        _ = try first.command("g2", "EXPUNGE")
        let fetch = try second.command("h1", "FETCH 2 UID")
        XCTAssertFalse(fetch.contains { $0.hasSuffix("EXPUNGE") }, "no EXPUNGE during FETCH: \(fetch)")
        XCTAssertTrue(fetch[0].contains("UID 2"))
        XCTAssertTrue(try second.command("h2", "NOOP").contains("* 1 EXPUNGE"))
    }

    func testIdleReceivesChangesFromAnotherSession() async throws {
        let server = try await startServer()
        let idler = try connect(server, select: true)
        let other = try connect(server, select: true)
        try idler.send("i1 IDLE\r\n")
        XCTAssertTrue(try idler.readLine().hasPrefix("+"))
        _ = try other.command("j1", "STORE 2 +FLAGS (\\Flagged)")
        XCTAssertTrue(try idler.readLine().contains("FETCH (UID 2 FLAGS ("))
        _ = try other.command("j2", "APPEND INBOX {9+}\r\nSubject:x")
        XCTAssertEqual(try idler.readLine(), "* 11 EXISTS")
        _ = try other.command("j3", "STORE 1 +FLAGS.SILENT (\\Deleted)")
        _ = try other.command("j4", "EXPUNGE")
        var line = try idler.readLine()
        while line.contains("FETCH") || line.contains("RECENT") { line = try idler.readLine() }
        XCTAssertEqual(line, "* 1 EXPUNGE")
        try idler.send("DONE\r\n")
        XCTAssertTagged(try idler.readUntilTagged("i1"), "i1 OK")
    }

    func testMailboxManagementAndCapabilities() async throws {
        let server = try await startServer()
        let connection = try connect(server)
        let capability = try connection.command("k1", "CAPABILITY")
        for name in ["LITERAL+", "SASL-IR", "IDLE", "UIDPLUS", "MOVE", "UNSELECT", "ENABLE", "ID", "NAMESPACE"] {
            XCTAssertTrue(capability[0].contains(" \(name)"), name)
        }
        XCTAssertTagged(try connection.command("k2", "CREATE Projects/2024"), "k2 OK")
        XCTAssertTagged(try connection.command("k3", "RENAME Projects/2024 Projects/2025"), "k3 OK")
        let list = try connection.command("k4", "LIST \"\" *")
        XCTAssertTrue(list.contains("* LIST (\\HasNoChildren) \"/\" Projects/2025"), "\(list)")
        XCTAssertTrue(list.contains("* LIST (\\HasNoChildren \\Sent) \"/\" Sent"), "\(list)")
        XCTAssertTagged(try connection.command("k5", "LSUB \"\" %"), "k5 OK")
        XCTAssertTagged(try connection.command("k6", "SUBSCRIBE Sent"), "k6 OK")
        XCTAssertTagged(try connection.command("k7", "DELETE Projects/2025"), "k7 OK")
        XCTAssertTagged(try connection.command("k8", "EXAMINE Sent"), "k8 OK [READ-ONLY]")
        XCTAssertTagged(try connection.command("k9", "STORE 1 +FLAGS (\\Seen)"), "k9 NO")
        XCTAssertTagged(try connection.command("k10", "UNSELECT"), "k10 OK")
        XCTAssertTagged(try connection.command("k11", "FETCH 1 FLAGS"), "k11 BAD")
        XCTAssertTrue(try connection.command("k12", "NAMESPACE")[0].hasPrefix("* NAMESPACE"))
        XCTAssertTrue(try connection.command("k13", "ID NIL")[0].hasPrefix("* ID"))
        XCTAssertTrue(try connection.command("k14", "ENABLE CONDSTORE")[0].hasPrefix("* ENABLED"))
        XCTAssertTagged(try connection.command("k15", "SELECT INBOX"), "k15 OK")
        XCTAssertTagged(try connection.command("k16", "CLOSE"), "k16 OK")
        XCTAssertTagged(try connection.command("k17", "FROBNICATE"), "k17 BAD")
    }

    func testAuthenticatePlainWithAndWithoutInitialResponse() async throws {
        let server = try await startServer()
        let credentials = Data("\u{0}user2\u{0}pass".utf8).base64EncodedString()
        let first = try TestIMAPConnection(port: server.port)
        _ = try first.readLine()
        XCTAssertTagged(try first.command("m1", "AUTHENTICATE PLAIN \(credentials)"), "m1 OK")
        let second = try TestIMAPConnection(port: server.port)
        _ = try second.readLine()
        try second.send("m2 AUTHENTICATE PLAIN\r\n")
        XCTAssertTrue(try second.readLine().hasPrefix("+"))
        try second.send(credentials + "\r\n")
        XCTAssertTagged(try second.readUntilTagged("m2"), "m2 OK")
    }
}
