import IMAPProtocol
import XCTest

/// The RFC 3501 §5.5 rules as a table: (next, in flight, may send).
final class PipelinePolicyTests: XCTestCase {
    let fetch = Command.fetch(.single(1), items: [.flags], uid: false)
    let uidFetch = Command.fetch(.single(1), items: [.flags], uid: true)
    let store = Command.store(.single(1), .add, flags: ["\\Seen"], silent: true, uid: false)
    let copy = Command.copy(.single(1), mailbox: "A", uid: false)

    func testRuleTable() {
        let table: [(Command, [Command], Bool, UInt)] = [
            (.select(mailbox: "INBOX"), [], true, #line),
            (.select(mailbox: "INBOX"), [.noop], false, #line),
            (.login(user: "u", password: "p"), [.capability], false, #line),
            (.noop, [.login(user: "u", password: "p")], false, #line),
            (.noop, [.idle], false, #line),
            (.idle, [uidFetch], false, #line),
            (.logout, [.noop], false, #line),
            (.noop, [.noop, uidFetch], true, #line),
            (fetch, [fetch, store], true, #line),  // FETCH/STORE/SEARCH never expunge
            (fetch, [.noop], false, #line),  // FETCH + NOOP + STORE is ambiguous
            (store, [copy], false, #line),  // STORE + COPY + FETCH
            (copy, [copy], false, #line),  // COPY + COPY
            (fetch, [.check], false, #line),  // CHECK + FETCH
            (fetch, [uidFetch], false, #line),  // UID FETCH may expunge
            (uidFetch, [fetch, .noop], true, #line),
            (.noop, [fetch], true, #line),
            (.search(criteria: "UID 1:5", uid: true), [.noop], true, #line),
            (.search(criteria: "1:5 UNSEEN", uid: true), [.noop], false, #line),
            (.search(criteria: "LARGER 100", uid: true), [.noop], true, #line),
            (.append(mailbox: "INBOX", flags: [], date: nil, message: []), [uidFetch], true, #line),
        ]
        for (next, inFlight, expected, line) in table {
            XCTAssertEqual(
                PipelinePolicy.canSend(next, inFlight: inFlight), expected,
                "\(next.kind) beside \(inFlight.map(\.kind))", line: line)
        }
    }

    func testKindsAndRequirements() {
        XCTAssertEqual(fetch.kind, "FETCH")
        XCTAssertEqual(uidFetch.kind, "UID FETCH")
        XCTAssertEqual(Command.authenticatePlain(user: "u", password: "p").kind, "AUTHENTICATE")
        XCTAssertEqual(Command.raw("X").kind, "RAW")
        XCTAssertEqual(Command.uidExpunge(.all).kind, "UID EXPUNGE")
        XCTAssertEqual(fetch.pipelining, .usesSequenceNumbers)
        XCTAssertTrue(Command.unselect.pipelining.contains(.barrier))
        XCTAssertTrue(Command.startTLS.pipelining.contains(.barrier))
        XCTAssertEqual(copy.pipelining, [.usesSequenceNumbers, .mayExpunge])
    }
}
