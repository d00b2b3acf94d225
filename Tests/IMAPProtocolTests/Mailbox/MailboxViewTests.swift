import IMAPProtocol
import XCTest

final class MailboxViewTests: XCTestCase {
    func selected(_ count: UInt32, knowingUIDs: Bool = true) -> MailboxView {
        var view = MailboxView()
        view.reset(selecting: "INBOX", readOnly: false)
        view.apply(.exists(count))
        if knowingUIDs {
            for number in 1...count {
                view.apply(.fetch(sequenceNumber: number, attributes: [.uid(number * 10), .flags(["\\Seen"])]))
            }
        }
        return view
    }

    func testExpungeRenumbers() {
        var view = selected(5)
        view.apply(.expunge(2))
        XCTAssertEqual(view.exists, 4)
        XCTAssertEqual((1...4).map { view.uid(atSequence: $0) }, [10, 30, 40, 50])
        XCTAssertNil(view.uid(atSequence: 5), "beyond EXISTS")
        XCTAssertNil(view.uid(atSequence: 0))
        XCTAssertEqual(view.knownUIDCount, 4)
        view.apply(.expunge(99))
        XCTAssertEqual(view.exists, 4, "an EXPUNGE beyond EXISTS is ignored")
    }

    func testVanishedRemovesKnownUIDs() {
        var view = selected(5)
        view.apply(.vanished(earlier: false, uids: SequenceSet([.range(20, 30), .single(50)])))
        XCTAssertEqual(view.exists, 2)
        XCTAssertEqual([view.uid(atSequence: 1), view.uid(atSequence: 2)], [10, 40])
        view.apply(.vanished(earlier: true, uids: SequenceSet([.single(10)])))
        XCTAssertEqual(view.exists, 2, "VANISHED (EARLIER) reports history, not a change")
    }

    /// With QRESYNC, VANISHED replaces EXPUNGE; a session that fetched few UIDs must still lose
    /// the vanished messages from its count, or it names sequence numbers past the end (Dovecot
    /// answered such FETCHes with BAD).
    func testVanishedOfUnfetchedUIDsStillShrinksTheCount() {
        var view = MailboxView()
        view.reset(selecting: "INBOX", readOnly: false)
        view.apply(.exists(10))
        view.apply(.fetch(sequenceNumber: 10, attributes: [.uid(110)]))
        view.apply(.vanished(earlier: false, uids: SequenceSet([.single(103), .range(105, 106), .single(110)])))
        XCTAssertEqual(view.exists, 6, "four messages vanished, one of them known")
        XCTAssertEqual(view.knownUIDCount, 0)
        XCTAssertNil(view.uid(atSequence: 6), "positions are unknown after unlocated removals")
        view.apply(.vanished(earlier: false, uids: SequenceSet([.range(1, 1000)])))
        XCTAssertEqual(view.exists, 0, "never below zero, never more than the unknown messages")
    }

    func testCodesFlagsAndGrowth() {
        var view = selected(2)
        view.apply(.condition(ResponseState(status: .ok, code: .uidValidity(7))))
        view.apply(code: .uidNext(31))
        view.apply(code: .readOnly)
        view.apply(.recent(1))
        view.apply(.flags(["\\Seen", "$Junk"]))
        view.apply(.fetch(sequenceNumber: 2, attributes: [.flags(["\\Deleted"])]))
        view.apply(.exists(3))
        XCTAssertEqual([view.uidValidity, view.uidNext], [7, 31])
        XCTAssertTrue(view.readOnly)
        XCTAssertEqual(view.recent, 1)
        XCTAssertEqual(view.definedFlags, ["\\Seen", "$Junk"])
        XCTAssertEqual(view.flags(atSequence: 2), ["\\Deleted"])
        XCTAssertNil(view.uid(atSequence: 3), "new message, UID not yet known")
        view.apply(code: .uidValidity(8))
        XCTAssertEqual(view.knownUIDCount, 0, "a new UIDVALIDITY invalidates every known UID")
        view.reset(selecting: nil, readOnly: false)
        XCTAssertEqual(view.exists, 0)
    }

    func testLargeMailboxExpungeFromTheFront() {
        var view = selected(10_000)
        for _ in 0..<1_000 { view.apply(.expunge(1)) }
        XCTAssertEqual(view.exists, 9_000)
        XCTAssertEqual(view.uid(atSequence: 1), 10_010)
        XCTAssertEqual(view.knownUIDCount, 9_000)
    }
}
