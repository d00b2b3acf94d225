import XCTest

@testable import IMAPServer

/// RFC 3501 §7.2.6: a keyword is named in an untagged FLAGS before any FETCH shows it, in every
/// session that has the mailbox selected. imaptest pointed at `serve` counted 47,149 FETCHes
/// with a keyword that no FLAGS had named.
final class KeywordAnnouncementTests: ServerTestCase {
    func testStoreAnnouncesANewKeywordToItsOwnSessionBeforeTheFetch() async throws {
        let server = try await startServer()
        let connection = try connect(server, select: true)
        let store = try connection.command("k1", "STORE 1 +FLAGS ($Label1)")
        XCTAssertTagged(store, "k1 OK")
        XCTAssertEqual(Self.unannouncedKeywords(in: store), [], "\(store)")
        XCTAssertTrue(
            store.contains { $0.hasPrefix("* OK [PERMANENTFLAGS (") && $0.contains("$Label1 \\*)") }, "\(store)")
    }

    func testOtherSessionsHearOfTheKeywordBeforeAnyFetchShowsIt() async throws {
        let server = try await startServer()
        let storing = try connect(server, select: true)
        let watching = try connect(server, select: true)
        let fetching = try connect(server, select: true)
        XCTAssertTagged(try storing.command("k1", "STORE 1:2 +FLAGS.SILENT ($Work)"), "k1 OK")
        // a NOOP learns of the change through the mailbox's event log
        let noop = try watching.command("k2", "NOOP")
        XCTAssertTrue(noop.contains { $0.contains("FETCH (UID 2 FLAGS ($Work))") }, "\(noop)")
        XCTAssertEqual(Self.unannouncedKeywords(in: noop), [], "\(noop)")
        // a FETCH reads the messages as they are now, ahead of the event log
        let fetch = try fetching.command("k3", "FETCH 1:2 (FLAGS)")
        XCTAssertTrue(fetch.contains { $0.contains("$Work") }, "\(fetch)")
        XCTAssertEqual(Self.unannouncedKeywords(in: fetch), [], "\(fetch)")
    }

    func testAppendedKeywordIsAnnouncedAndListedByALaterSelectAndExamine() async throws {
        let server = try await startServer()
        let watching = try connect(server, select: true)
        let appending = try connect(server)
        let message = "Subject: k\r\n\r\nhello\r\n"
        let append = try appending.command("k1", "APPEND INBOX ($Junk) {\(message.utf8.count)+}\r\n\(message)")
        XCTAssertTagged(append, "k1 OK")
        let seen = try watching.command("k2", "NOOP") + watching.command("k2b", "FETCH 11 (FLAGS)")
        XCTAssertTrue(seen.contains("* 11 EXISTS"), "\(seen)")
        XCTAssertTrue(seen.contains { $0.contains("$Junk)") }, "\(seen)")
        XCTAssertEqual(Self.unannouncedKeywords(in: seen), [], "\(seen)")
        let select = try appending.command("k3", "SELECT INBOX")
        XCTAssertTrue(select.contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Junk)"), "\(select)")
        let examine = try appending.command("k4", "EXAMINE INBOX")
        XCTAssertTrue(examine.contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Junk)"), "\(examine)")
        XCTAssertTrue(examine.contains("* OK [PERMANENTFLAGS ()] read-only mailbox"), "\(examine)")
    }

    func testKeywordsDifferingOnlyInCaseAreOneKeyword() async throws {
        let server = try await startServer()
        let connection = try connect(server, select: true)
        XCTAssertTagged(try connection.command("k1", "STORE 1 +FLAGS.SILENT ($Later)"), "k1 OK")
        XCTAssertTagged(try connection.command("k2", "STORE 2 +FLAGS.SILENT ($LATER)"), "k2 OK")
        let select = try connection.command("k3", "SELECT INBOX")
        XCTAssertTrue(select.contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Later)"), "\(select)")
    }

    /// Keywords that FETCH responses show before any FLAGS response named them, reading one
    /// session's lines in order (the check imaptest makes).
    static func unannouncedKeywords(in lines: [String], known initial: Set<String> = []) -> [String] {
        var known = initial
        var missing: [String] = []
        for line in lines {
            if line.hasPrefix("* FLAGS (") {
                known = Set(flagNames(line.dropFirst("* FLAGS (".count)).map { $0.lowercased() })
            } else if line.contains(" FETCH ("), let range = line.range(of: "FLAGS (") {
                for name in flagNames(line[range.upperBound...])
                where !name.hasPrefix("\\") && !known.contains(name.lowercased()) {
                    missing.append(name)
                }
            }
        }
        return missing
    }

    private static func flagNames(_ text: Substring) -> [String] {
        text.prefix { $0 != ")" }.split(separator: " ").map(String.init)
    }
}
