import XCTest
@testable import Workload

/// The one "did you mean" helper, shared by profile keys, check IDs and threshold subjects.
final class NameHintTests: XCTestCase {
    func testASwapOfNeighboursCountsOneEdit() {
        XCTAssertEqual(NameHint.distance("fecth", "fetch"), 1)
        XCTAssertEqual(NameHint.distance("recent-twcie", "recent-twice"), 1)
    }

    func testInsertionsDeletionsAndSubstitutionsCountOneEach() {
        XCTAssertEqual(NameHint.distance("fetch", "fetch"), 0)
        XCTAssertEqual(NameHint.distance("fetc", "fetch"), 1)
        XCTAssertEqual(NameHint.distance("fetchh", "fetch"), 1)
        XCTAssertEqual(NameHint.distance("fitch", "fetch"), 1)
        XCTAssertEqual(NameHint.distance("", "abc"), 3)
        XCTAssertEqual(NameHint.distance("kitten", "sitting"), 3)
    }

    func testTheNearestNameWithinTwoEditsIsSuggested() {
        XCTAssertEqual(NameHint.hint("fecth", among: ["store", "fetch", "search"]), " (did you mean 'fetch'?)")
        XCTAssertEqual(NameHint.hint("serch", among: ["store", "fetch", "search"]), " (did you mean 'search'?)")
    }

    func testNothingIsSuggestedForAFarOrTooShortWord() {
        XCTAssertEqual(NameHint.hint("append", among: ["store", "fetch"]), "")
        // two edits would turn any two-letter word into any other: no hint
        XCTAssertEqual(NameHint.hint("id", among: ["io"]), " (did you mean 'io'?)")
        XCTAssertEqual(NameHint.hint("xy", among: ["ab"]), "")
    }
}
