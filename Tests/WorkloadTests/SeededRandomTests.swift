import XCTest
@testable import Workload

final class SeededRandomTests: XCTestCase {
    func testSameSeedSameSequence() {
        var first = SeededRandom(seed: 42)
        var second = SeededRandom(seed: 42)
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        XCTAssertEqual(a, b)
        var other = SeededRandom(seed: 43)
        XCTAssertNotEqual(a, (0..<100).map { _ in other.next() })
    }

    func testDerivedStreamsAreReproducibleAndDistinct() {
        let root = SeededRandom(seed: 7)
        var streamA = root.derived(stream: 1)
        var streamAAgain = SeededRandom(seed: 7).derived(stream: 1)
        var streamB = root.derived(stream: 2)
        let a = (0..<20).map { _ in streamA.next() }
        XCTAssertEqual(a, (0..<20).map { _ in streamAAgain.next() })
        XCTAssertNotEqual(a, (0..<20).map { _ in streamB.next() })
    }

    func testUnitAndIndexStayInBounds() {
        var rng = SeededRandom(seed: 1)
        for _ in 0..<10_000 {
            let unit = rng.nextUnit()
            XCTAssertTrue(unit >= 0 && unit < 1)
            XCTAssertTrue((0..<7).contains(rng.nextIndex(below: 7)))
        }
    }

    func testSamplersHaveTheirMeans() {
        var rng = SeededRandom(seed: 3)
        let samples = 20_000
        let thinkTime = ThinkTime.exponential(mean: .seconds(2))
        let meanThink =
            (0..<samples).map { _ in thinkTime.sample(using: &rng).secondsValue }.reduce(0, +) / Double(samples)
        XCTAssertEqual(meanThink, 2, accuracy: 0.1)
        let uniform = ThinkTime.uniform(min: .seconds(1), max: .seconds(3))
        for _ in 0..<1000 {
            let value = uniform.sample(using: &rng).secondsValue
            XCTAssertTrue(value >= 1 && value <= 3)
        }
        XCTAssertEqual(Spacing.uniform.interval(rate: 4, using: &rng), .milliseconds(250))
        let meanGap =
            (0..<samples).map { _ in Spacing.poisson.interval(rate: 10, using: &rng).secondsValue }
            .reduce(0, +) / Double(samples)
        XCTAssertEqual(meanGap, 0.1, accuracy: 0.005)
        XCTAssertEqual(ThinkTime.none.sample(using: &rng), .zero)
    }

    func testSizeDistributionMedianAndBounds() {
        var rng = SeededRandom(seed: 9)
        let sizes = SizeDistribution(
            median: ByteSize(20_000), sigma: 1.2, min: ByteSize(1_000), max: ByteSize(5_000_000))
        let drawn = (0..<10_001).map { _ in sizes.sample(using: &rng) }.sorted()
        XCTAssertEqual(Double(drawn[5_000]), 20_000, accuracy: 1_500)
        XCTAssertGreaterThanOrEqual(drawn.first ?? 0, 1_000)
        XCTAssertLessThanOrEqual(drawn.last ?? .max, 5_000_000)
        XCTAssertGreaterThan(drawn[9_990], 300_000, "the tail reaches hundreds of KB")
    }
}
