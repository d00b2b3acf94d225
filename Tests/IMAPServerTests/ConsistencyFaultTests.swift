import XCTest

@testable import IMAPServer

/// Each consistency fault makes the server contradict itself in exactly the way its description
/// says, visibly at the protocol level, so that a client's consistency check can be proven on it.
/// Every fault here has probability 1; a correct server (no fault) shows none of these.
final class ConsistencyFaultTests: ServerTestCase {
    private func startServer(fault: String) async throws -> EmbeddedIMAPServer {
        let spec = try FaultSpec.parse(fault)
        XCTAssertTrue(spec.kind.isConsistencyFault)
        return try await startServer { $0.faults = [spec] }
    }

    func testLoseFlagsEchoesTheStoreButKeepsTheOldFlags() async throws {
        let connection = try connect(try await startServer(fault: "lose-flags=1"), select: true)
        let store = try connection.command("a1", "STORE 1 +FLAGS (\\Flagged)")
        XCTAssertTagged(store, "a1 OK")
        XCTAssertTrue(store.contains { $0.hasPrefix("* 1 FETCH") && $0.contains("\\Flagged") }, "\(store)")
        let fetch = try connection.command("a2", "FETCH 1 (FLAGS)")
        XCTAssertTrue(fetch.contains { $0.hasPrefix("* 1 FETCH") && !$0.contains("\\Flagged") }, "\(fetch)")
    }

    func testChangeUIDReportsAnotherUIDForTheFirstMessageOfAFetch() async throws {
        let connection = try connect(try await startServer(fault: "change-uid=1"), select: true)
        let fetch = try connection.command("a1", "FETCH 1:2 (UID)")
        XCTAssertEqual(fetch.first, "* 1 FETCH (UID \(1 + FetchFalsehoods.uidShift))")
        XCTAssertEqual(fetch.dropFirst().first, "* 2 FETCH (UID 2)")
    }

    func testShrinkExistsAnnouncesAFallingCountWithoutExpunge() async throws {
        let connection = try connect(try await startServer(fault: "shrink-exists=1"))
        let select = try connection.command("a1", "SELECT INBOX")
        XCTAssertTagged(select, "a1 OK")
        XCTAssertEqual(select.filter { $0.hasSuffix(" EXISTS") }, ["* 10 EXISTS", "* 9 EXISTS"])
        XCTAssertFalse(select.contains { $0.hasSuffix(" EXPUNGE") }, "\(select)")
    }

    func testChangeUIDValidityDisagreesWithStatus() async throws {
        let connection = try connect(try await startServer(fault: "change-uidvalidity=1"))
        let status = try connection.command("a1", "STATUS INBOX (UIDVALIDITY)")
        let select = try connection.command("a2", "SELECT INBOX")
        let statusValue = try XCTUnwrap(Self.number(after: "UIDVALIDITY ", in: status))
        let selectValue = try XCTUnwrap(Self.number(after: "[UIDVALIDITY ", in: select))
        XCTAssertEqual(selectValue, statusValue + 1)
    }

    func testWrongSizeDisagreesWithTheBodyLength() async throws {
        let connection = try connect(try await startServer(fault: "wrong-size=1"), select: true)
        let fetch = try connection.command("a1", "FETCH 1 (RFC822.SIZE BODY.PEEK[])")
        let size = try XCTUnwrap(Self.number(after: "RFC822.SIZE ", in: fetch))
        let literal = try XCTUnwrap(Self.number(after: "BODY[] {", in: fetch))
        XCTAssertEqual(size, literal + 1)
    }

    func testUnannouncedKeywordAppearsInFetchButNeverInFlags() async throws {
        let connection = try connect(try await startServer(fault: "unannounced-keyword=1"))
        let lines = try connection.command("a1", "SELECT INBOX") + connection.command("a2", "FETCH 1 (FLAGS)")
        XCTAssertEqual(KeywordAnnouncementTests.unannouncedKeywords(in: lines), [FetchFalsehoods.unannouncedKeyword])
    }

    func testMissExpungeLeavesTheOtherSessionsSequenceNumbersWrong() async throws {
        let server = try await startServer(fault: "miss-expunge=1")
        let expunging = try connect(server, select: true)
        let watching = try connect(server, select: true)
        XCTAssertTagged(try expunging.command("a1", "STORE 1 +FLAGS.SILENT (\\Deleted)"), "a1 OK")
        XCTAssertTagged(try expunging.command("a2", "EXPUNGE"), "a2 OK")
        let noop = try watching.command("b1", "NOOP")
        XCTAssertFalse(noop.contains { $0.hasSuffix(" EXPUNGE") }, "\(noop)")
        // the watcher still believes message 1 is UID 1; the server now means UID 2
        XCTAssertEqual(try watching.command("b2", "FETCH 1 (UID)").first, "* 1 FETCH (UID 2)")
    }

    func testSearchMissLeavesOutAMatchingMessage() async throws {
        let connection = try connect(try await startServer(fault: "search-miss=1"), select: true)
        let search = try connection.command("a1", "SEARCH ALL")
        XCTAssertEqual(search.first, "* SEARCH " + (2...10).map(String.init).joined(separator: " "))
    }

    func testRecentTwiceShowsOneNewMessageRecentToTwoSessions() async throws {
        let server = try await startServer(fault: "recent-twice=1")
        let first = try connect(server, select: true)
        let second = try connect(server, select: true)
        let appending = try connect(server)
        let message = "Subject: r\r\n\r\nhello\r\n"
        XCTAssertTagged(try appending.command("a1", "APPEND INBOX {\(message.utf8.count)+}\r\n\(message)"), "a1 OK")
        for (index, session) in [first, second].enumerated() {
            _ = try session.command("n\(index)", "NOOP")
            let fetch = try session.command("f\(index)", "FETCH 11 (FLAGS)")
            XCTAssertTrue(fetch.first?.contains("\\Recent") ?? false, "session \(index + 1): \(fetch)")
        }
    }

    func testACorrectServerShowsNoneOfTheseContradictions() async throws {
        let server = try await startServer()
        let connection = try connect(server, select: true)
        XCTAssertTagged(try connection.command("a1", "STORE 1 +FLAGS.SILENT (\\Flagged)"), "a1 OK")
        XCTAssertTrue(try connection.command("a2", "FETCH 1 (FLAGS)").first?.contains("\\Flagged") ?? false)
        XCTAssertEqual(
            try connection.command("a3", "FETCH 1:2 (UID)").prefix(2), ["* 1 FETCH (UID 1)", "* 2 FETCH (UID 2)"])
        let fetch = try connection.command("a4", "FETCH 1 (RFC822.SIZE BODY.PEEK[])")
        XCTAssertEqual(Self.number(after: "RFC822.SIZE ", in: fetch), Self.number(after: "BODY[] {", in: fetch))
        XCTAssertEqual(
            try connection.command("a5", "SEARCH ALL").first,
            "* SEARCH " + (1...10).map(String.init).joined(separator: " "))
    }

    func testConsistencyFaultsLeaveTheCommandsAnswered() async throws {
        let server = try await startServer { configuration in
            configuration.faults = FaultSpec.Kind.allCases.filter(\.isConsistencyFault).map {
                FaultSpec(kind: $0, probability: 1)
            }
        }
        let connection = try connect(server, select: true)
        for (index, command) in ["NOOP", "FETCH 1:* (FLAGS)", "SEARCH ALL", "STORE 1 +FLAGS (\\Seen)"].enumerated() {
            XCTAssertTagged(try connection.command("c\(index)", command), "c\(index) OK")
        }
    }

    func testARepeatedFetchItemIsAnsweredOnce() async throws {
        let connection = try connect(try await startServer(), select: true)
        let line = try XCTUnwrap(try connection.command("a1", "FETCH 1 (UID UID FLAGS)").first)
        XCTAssertTrue(line.hasPrefix("* 1 FETCH (UID 1 FLAGS ("), line)
        XCTAssertEqual(line.components(separatedBy: "UID ").count, 2, line)
    }

    /// The decimal number that follows `marker` in the first line holding it.
    private static func number(after marker: String, in lines: [String]) -> Int? {
        guard let line = lines.first(where: { $0.contains(marker) }), let range = line.range(of: marker) else {
            return nil
        }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
}
