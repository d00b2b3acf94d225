import XCTest

@testable import IMAPServer

/// How a session learns about other sessions' changes (`Session.synchronize`): every sequence
/// number it is sent must be one it has been told exists (RFC 3501 §7.4.1, §7.3.1). Dovecot's
/// imaptest reported "seq too high" when this was broken.
final class SessionSynchronizationTests: ServerTestCase {
    /// Another session appends a message and changes its flags before this one hears of either:
    /// the FETCH for the new sequence number must come after the EXISTS that announces it.
    func testFlagChangeOfAMessageAppendedMeanwhileComesAfterItsExists() async throws {
        let watcher = try await watcherOfAppendAndStore(flag: "\\Flagged")
        let update = try watcher.command("n1", "NOOP")
        XCTAssertTagged(update, "n1 OK")
        XCTAssertTrue(update.contains("* 11 EXISTS"), "\(update)")
        XCTAssertTrue(update.contains { $0.hasPrefix("* 11 FETCH (UID 11 FLAGS (") }, "\(update)")
        assertSequenceNumbersAnnounced(update, known: 10)
    }

    /// The same during IDLE, where the updates are pushed as they happen.
    func testIdlePushesExistsBeforeAFetchOfTheNewMessage() async throws {
        let idler = try await watcherOfAppendAndStore(flag: "\\Seen")
        try idler.send("i1 IDLE\r\n")
        try idler.send("DONE\r\n")
        let lines = try idler.readUntilTagged("i1")
        XCTAssertTagged(lines, "i1 OK")
        XCTAssertTrue(lines.contains("* 11 EXISTS"), "\(lines)")
        assertSequenceNumbersAnnounced(lines, known: 10)
    }

    /// A session with INBOX (10 messages) selected while another appends message 11 and stores `flag`
    /// on it: both changes wait in the log for the watcher's next synchronization.
    private func watcherOfAppendAndStore(flag: String) async throws -> TestIMAPConnection {
        let server = try await startServer()
        let watcher = try connect(server, select: true)
        let writer = try connect(server, select: true)
        XCTAssertTagged(try writer.command("w1", "APPEND INBOX {9+}\r\nSubject:x"), "w1 OK")
        XCTAssertTagged(try writer.command("w2", "STORE 11 +FLAGS (\(flag))"), "w2 OK")
        return watcher
    }

    /// Walks untagged responses as a client would: EXISTS sets the count, EXPUNGE lowers it, and a
    /// FETCH must name a sequence number within the count known at that point.
    private func assertSequenceNumbersAnnounced(
        _ lines: [String], known: Int, file: StaticString = #filePath, line: UInt = #line
    ) {
        var count = known
        for response in lines where response.hasPrefix("* ") {
            let words = response.split(separator: " ", maxSplits: 3)
            guard words.count >= 3, let number = Int(words[1]) else { continue }
            switch words[2] {
            case "EXISTS": count = number
            case "EXPUNGE": count -= 1
            case "FETCH":
                XCTAssertLessThanOrEqual(
                    number, count, "FETCH for \(number) before its EXISTS: \(lines)", file: file, line: line)
            default: break
            }
        }
    }
}
