import XCTest
@testable import Workload

final class WeightedChoiceTests: XCTestCase {
    func testProportionsFollowWeights() throws {
        let choice = try XCTUnwrap(WeightedChoice([("a", 1.0), ("b", 2.0), ("c", 7.0)]))
        var rng = SeededRandom(seed: 2024)
        var counts: [String: Int] = [:]
        let draws = 100_000
        for _ in 0..<draws { counts[choice.pick(using: &rng), default: 0] += 1 }
        XCTAssertEqual(Double(counts["a", default: 0]) / Double(draws), 0.1, accuracy: 0.01)
        XCTAssertEqual(Double(counts["b", default: 0]) / Double(draws), 0.2, accuracy: 0.01)
        XCTAssertEqual(Double(counts["c", default: 0]) / Double(draws), 0.7, accuracy: 0.01)
    }

    func testImaptestWeightsGiveExpectedShares() throws {
        let profile = try ProfileLoader.builtin(named: "imaptest-default")
        let choice = try XCTUnwrap(WeightedChoice(operations: profile.operations))
        var rng = SeededRandom(seed: 5)
        var counts: [String: Int] = [:]
        for _ in 0..<79_800 { counts[choice.pick(using: &rng).name, default: 0] += 1 }
        XCTAssertEqual(Double(counts["fetch2", default: 0]), 14_300, accuracy: 600)
        XCTAssertEqual(Double(counts["list", default: 0]), 5_000, accuracy: 400)
    }

    func testSameSeedSamePicks() throws {
        let choice = try XCTUnwrap(WeightedChoice([(1, 0.5), (2, 0.25), (3, 3.0)]))
        var first = SeededRandom(seed: 11)
        var second = SeededRandom(seed: 11)
        XCTAssertEqual(
            (0..<500).map { _ in choice.pick(using: &first) }, (0..<500).map { _ in choice.pick(using: &second) })
    }

    func testRejectsEmptyAndNonPositiveWeights() {
        XCTAssertNil(WeightedChoice<Int>([]))
        XCTAssertNil(WeightedChoice([(1, 1.0), (2, 0.0)]))
        XCTAssertNil(WeightedChoice([(1, -1.0)]))
    }

    func testSingleItemAlwaysPicked() throws {
        let choice = try XCTUnwrap(WeightedChoice([("only", 3.0)]))
        var rng = SeededRandom(seed: 0)
        XCTAssertTrue((0..<100).allSatisfy { _ in choice.pick(using: &rng) == "only" })
    }
}
