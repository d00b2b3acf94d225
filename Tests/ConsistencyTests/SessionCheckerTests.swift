import Consistency
import IMAPProtocol
import Measurement
import XCTest

/// The checker fed by hand, as the connection's state machine feeds it: each response is shown
/// with the view before it is applied, each completion with the view after.
final class SessionCheckerTests: XCTestCase {
    /// One connection: its view, kept in step the way ConnectionStateMachine keeps it.
    final class Exchange {
        let checker: SessionChecker
        var view = MailboxView()
        var next = 0

        init(_ registry: ConsistencyRegistry, user: String = "user1", session: Int = 0) {
            checker = registry.checker(user: user, session: session)
        }

        @discardableResult
        func send(_ command: Command) -> String {
            next += 1
            let tag = "A\(next)"
            switch command {
            case .select(let name, _): view.reset(selecting: name, readOnly: false)
            case .examine(let name): view.reset(selecting: name, readOnly: true)
            default: break
            }
            checker.written(tag: tag, command: command, mailbox: view)
            return tag
        }

        func receive(_ response: UntaggedResponse, expungeAllowed: Bool = true) {
            checker.received(response, mailbox: view, expungeAllowed: expungeAllowed)
            view.apply(response)
        }

        func complete(_ tag: String, _ command: Command, _ status: ResponseStatus = .ok) {
            checker.completed(tag: tag, command: command, state: ResponseState(status: status), mailbox: view)
        }

        func run(_ command: Command, responses: [UntaggedResponse] = [], status: ResponseStatus = .ok) {
            let tag = send(command)
            for response in responses { receive(response) }
            complete(tag, command, status)
        }

        /// SELECT INBOX answered with `count` messages, UIDVALIDITY 7, FLAGS.
        func selectInbox(count: UInt32, flags: [String] = ["\\Seen", "\\Flagged", "\\Deleted"]) {
            run(
                .select(mailbox: "INBOX"),
                responses: [
                    .flags(flags), .exists(count), .condition(ResponseState(status: .ok, code: .uidValidity(7))),
                    .condition(ResponseState(status: .ok, code: .uidNext(count + 1))),
                ])
        }

        func fetch(_ number: UInt32, _ attributes: [FetchAttribute]) {
            let command = Command.fetch(SequenceSet([.single(number)]), items: [.uid, .flags], uid: false)
            run(command, responses: [.fetch(sequenceNumber: number, attributes: attributes)])
        }
    }

    private func registry() -> ConsistencyRegistry {
        ConsistencyRegistry(severities: CheckSettings.allOn) { 1.5 }
    }

    private func found(_ registry: ConsistencyRegistry) -> [CheckID: UInt64] { registry.takeTally().counts }

    func testAConsistentExchangeFindsNothingAndIsCounted() {
        let registry = registry()
        let session = Exchange(registry)
        session.selectInbox(count: 3)
        session.fetch(1, [.uid(10), .flags([]), .rfc822Size(100)])
        session.fetch(2, [.uid(11), .flags(["\\Seen"]), .rfc822Size(200)])
        session.fetch(1, [.uid(10), .rfc822Size(100)])
        let tally = registry.takeTally()
        XCTAssertEqual(tally.counts, [:])
        XCTAssertGreaterThan(tally.observed, 8)
    }

    func testAChangedUIDIsCaughtWithItsContext() throws {
        let registry = registry()
        let session = Exchange(registry)
        session.selectInbox(count: 3)
        session.fetch(2, [.uid(11)])
        session.fetch(2, [.uid(12)])
        let tally = registry.takeTally()
        XCTAssertEqual(tally.counts, [.uidChanged: 1])
        let violation = try XCTUnwrap(tally.violations.first)
        XCTAssertEqual(violation.expected, "message 2 has UID 11")
        XCTAssertEqual(violation.observed, "FETCH 2 UID 12")
        XCTAssertEqual(violation.user, "user1")
        XCTAssertEqual(violation.mailbox, "INBOX")
        XCTAssertEqual(violation.time, 1.5)
        XCTAssertTrue(
            violation.exchange.contains { $0.hasPrefix("C: A") && $0.contains("FETCH 2") }, "\(violation.exchange)")
    }

    func testAnExpungeRenumbersWithoutAViolation() {
        let registry = registry()
        let session = Exchange(registry)
        session.selectInbox(count: 3)
        session.fetch(2, [.uid(11)])
        session.fetch(3, [.uid(12)])
        session.run(.noop, responses: [.expunge(2)])
        session.fetch(2, [.uid(12)])
        XCTAssertEqual(found(registry), [:])
    }

    func testExistsShrinkingAndExpungeDuringFetchAreCaught() {
        let registry = registry()
        let session = Exchange(registry)
        session.selectInbox(count: 5)
        session.run(.noop, responses: [.exists(4)])
        let fetch = Command.fetch(SequenceSet([.single(1)]), items: [.flags], uid: false)
        let tag = session.send(fetch)
        session.receive(.expunge(1), expungeAllowed: false)
        session.complete(tag, fetch)
        XCTAssertEqual(found(registry), [.existsShrank: 1, .expungeForbidden: 1])
    }

    func testFactsAreSharedByTheSessionsOfOneUser() {
        let registry = registry()
        let first = Exchange(registry, session: 0)
        let second = Exchange(registry, session: 1)
        first.selectInbox(count: 2)
        second.selectInbox(count: 2)
        first.fetch(1, [.uid(10), .rfc822Size(100), .internalDate("1-Jan-2025 00:00:00 +0000")])
        second.fetch(1, [.uid(10), .rfc822Size(101), .internalDate("1-Jan-2025 00:00:00 +0000")])
        XCTAssertEqual(found(registry), [.sizeChanged: 1])
        let otherUser = Exchange(registry, user: "user2", session: 2)
        otherUser.selectInbox(count: 2)
        otherUser.fetch(1, [.uid(10), .rfc822Size(999)])
        XCTAssertEqual(found(registry), [:], "another user's INBOX is another mailbox")
    }

    func testMessageDataWaitsUntilTheSessionWasToldOfEveryExpunge() {
        let registry = registry()
        let first = Exchange(registry, session: 0)
        let second = Exchange(registry, session: 1)
        first.selectInbox(count: 2)
        second.selectInbox(count: 2)
        first.fetch(1, [.uid(10), .rfc822Size(100)])
        // the second session expunges message 1; the first, not yet told, is answered with a placeholder
        second.run(.store(SequenceSet([.single(1)]), .add, flags: ["\\Deleted"], silent: true, uid: false))
        second.run(.expunge, responses: [.expunge(1)])
        first.fetch(1, [.uid(10), .rfc822Size(0)])
        XCTAssertEqual(found(registry), [:], "not judged before a sync point")
        first.run(.noop, responses: [.expunge(1)])
        first.fetch(1, [.uid(11), .rfc822Size(50)])
        first.fetch(1, [.uid(11), .rfc822Size(51)])
        XCTAssertEqual(found(registry), [.sizeChanged: 1], "judged again once told")
    }

    func testLostFlagsAreCaughtUnlessAnotherSessionRacedTheStore() {
        let registry = registry()
        let first = Exchange(registry, session: 0)
        let second = Exchange(registry, session: 1)
        first.selectInbox(count: 2)
        second.selectInbox(count: 2)
        first.fetch(1, [.uid(10), .flags([])])
        let store = Command.store(SequenceSet([.single(1)]), .add, flags: ["\\Flagged"], silent: false, uid: false)
        first.run(store, responses: [.fetch(sequenceNumber: 1, attributes: [.flags(["\\Flagged"])])])
        first.fetch(1, [.uid(10), .flags([])])
        XCTAssertEqual(found(registry), [.storeFlagsLost: 1])

        // the same, but the other session's STORE ran in between: no one can tell who was last
        first.run(store)
        let unflag = Command.store(SequenceSet([.single(1)]), .remove, flags: ["\\Flagged"], silent: true, uid: false)
        second.run(unflag)
        first.fetch(1, [.uid(10), .flags([])])
        XCTAssertEqual(found(registry), [:])
    }

    func testAnUnannouncedKeywordAndRecentToTwoSessionsAreCaught() {
        let registry = registry()
        let first = Exchange(registry, session: 0)
        let second = Exchange(registry, session: 1)
        first.selectInbox(count: 1)
        second.selectInbox(count: 1)
        first.fetch(1, [.uid(10), .flags(["\\Recent", "$Unknown"])])
        second.fetch(1, [.uid(10), .flags(["\\Recent"])])
        first.fetch(1, [.uid(10), .flags(["\\Recent"])])
        XCTAssertEqual(found(registry), [.keywordUnannounced: 1, .recentTwice: 1])
    }

    func testSearchAllMustNameEveryMessageOnceSynced() {
        let registry = registry()
        let session = Exchange(registry)
        session.selectInbox(count: 3)
        let search = Command.search(criteria: "ALL", uid: false)
        session.run(search, responses: [.search([1, 2, 3], modSeq: nil)])
        XCTAssertEqual(found(registry), [:])
        session.run(search, responses: [.search([1, 3], modSeq: nil)])
        session.run(search, responses: [.search([1, 2, 3, 4], modSeq: nil)])
        XCTAssertEqual(found(registry), [.searchMissing: 1, .searchExtra: 1])
    }

    func testUIDValidityIsSharedAndCreatedMailboxesAreNotModelled() {
        let registry = registry()
        let first = Exchange(registry, session: 0)
        let second = Exchange(registry, session: 1)
        first.selectInbox(count: 1)
        second.run(
            .status(mailbox: "INBOX", items: [.uidValidity]),
            responses: [.status(mailbox: "INBOX", attributes: ["UIDVALIDITY": 8])])
        XCTAssertEqual(found(registry), [.uidValidityChanged: 1])
        first.run(.create(mailbox: "new"))
        second.run(
            .status(mailbox: "new", items: [.uidValidity]),
            responses: [.status(mailbox: "new", attributes: ["UIDVALIDITY": 1])])
        second.run(
            .status(mailbox: "new", items: [.uidValidity]),
            responses: [.status(mailbox: "new", attributes: ["UIDVALIDITY": 2])])
        XCTAssertEqual(found(registry), [:])
    }

    func testAnOffCheckIsNotRecorded() {
        let registry = ConsistencyRegistry(severities: [.sizeChanged: .warning]) { 0 }
        let session = Exchange(registry)
        session.selectInbox(count: 3)
        session.fetch(2, [.uid(11), .rfc822Size(1)])
        session.fetch(2, [.uid(12), .rfc822Size(2)])
        let tally = registry.takeTally()
        XCTAssertEqual(tally.counts, [:], "uid-changed is off; size is keyed by UID, so no size change either")
    }
}

enum CheckSettings {
    /// Every check at its default severity.
    static var allOn: [CheckID: CheckSeverity] {
        Dictionary(uniqueKeysWithValues: CheckID.allCases.map { ($0, $0.defaultSeverity) })
    }
}
