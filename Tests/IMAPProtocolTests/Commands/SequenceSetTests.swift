import XCTest

@testable import IMAPProtocol

/// A set of one element is kept inline; it must still equal, hash and read like any other set.
final class SequenceSetTests: XCTestCase {
    func testOneElementEqualsAndHashesTheSameHoweverItWasMade() {
        let inline = SequenceSet.single(7)
        let fromArray = SequenceSet([.single(7)])
        XCTAssertEqual(inline, fromArray)
        XCTAssertEqual(inline.hashValue, fromArray.hashValue)
        XCTAssertEqual(SequenceSet.range(3, nil), SequenceSet([.range(3, nil)]))
        XCTAssertNotEqual(SequenceSet.single(7), SequenceSet([.single(7), .single(8)]))
    }

    func testElementsReadAndWriteThroughEitherStorage() {
        var set = SequenceSet.single(1)
        XCTAssertEqual(set.elements, [.single(1)])
        set.elements = [.single(1), .range(4, 6)]
        XCTAssertEqual(set.elements, [.single(1), .range(4, 6)])
        XCTAssertEqual(set.wireText, "1,4:6")
        set.elements = [.last]
        XCTAssertEqual(set, SequenceSet([.last]))
        XCTAssertEqual(set.wireText, "*")
        XCTAssertEqual(SequenceSet([]).elements, [])
    }

    func testForEachElementVisitsEveryElementInOrderWithItsIndex() {
        var seen: [String] = []
        SequenceSet([.single(2), .range(5, nil), .last]).forEachElement { seen.append("\($0)=\($1)") }
        XCTAssertEqual(seen, ["0=single(2)", "1=range(5, nil)", "2=last"])
        seen = []
        SequenceSet.single(9).forEachElement { seen.append("\($0)=\($1)") }
        XCTAssertEqual(seen, ["0=single(9)"])
    }

    func testTheEncoderWritesBothStoragesAlike() {
        let encoder = CommandEncoder()
        let one = encoder.encode(.fetch(.single(12), items: [.uid], uid: false), tag: "a1")
        let many = encoder.encode(
            .fetch(SequenceSet([.single(1), .range(3, nil)]), items: [.uid], uid: false), tag: "a2")
        XCTAssertEqual(String(decoding: one.first, as: UTF8.self), "a1 FETCH 12 (UID)\r\n")
        XCTAssertEqual(String(decoding: many.first, as: UTF8.self), "a2 FETCH 1,3:* (UID)\r\n")
        XCTAssertEqual(one.continuations, [])
    }
}
