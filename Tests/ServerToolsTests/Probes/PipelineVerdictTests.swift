import XCTest

@testable import ServerTools

final class PipelineVerdictTests: XCTestCase {
    func depth(
        _ depth: Int, throughput: Double, medians: [UInt64], outOfOrder: Int = 0, lost: Int = 0
    ) -> PipelineDepthResult {
        var samples = PipelineSessionSamples(depth: depth)
        for (index, median) in medians.enumerated() { samples.byPosition[index] = [median, median] }
        samples.byCommand["noop"] = medians
        samples.bursts = 10
        samples.outOfOrderBursts = outOfOrder
        samples.commands = Int(throughput)
        if lost > 0 { samples.lostByCommand["noop"] = lost }
        return PipelineDepthResult(depth: depth, sessions: 1, measuredSeconds: 1, samples: samples)
    }

    func testSerialWhenLatencyGrowsByAboutOneCommandPerPosition() {
        let verdict = PipelineVerdict(depths: [
            depth(1, throughput: 100, medians: [10_000]),
            depth(4, throughput: 100, medians: [10_000, 20_000, 30_000, 40_000]),
        ])
        XCTAssertEqual(verdict.handling, .serial)
        XCTAssertEqual(verdict.saturationDepth, 1)
    }

    func testConcurrentWhenFlatOrOutOfOrder() {
        XCTAssertEqual(
            PipelineVerdict(depths: [depth(4, throughput: 400, medians: [10_000, 10_100, 10_200, 10_300])]).handling,
            .concurrent)
        let outOfOrder = PipelineVerdict(depths: [
            depth(4, throughput: 400, medians: [10_000, 20_000, 30_000, 40_000], outOfOrder: 1)
        ])
        XCTAssertEqual(outOfOrder.handling, .concurrent)
    }

    func testSaturationAndLostTagsInTheLine() {
        let verdict = PipelineVerdict(depths: [
            depth(1, throughput: 100, medians: [1_000]),
            depth(2, throughput: 180, medians: [1_000, 1_100]),
            depth(4, throughput: 195, medians: [1_000, 1_100, 1_200, 1_300], lost: 3),
            depth(8, throughput: 200, medians: Array(repeating: 1_000, count: 8)),
        ])
        XCTAssertEqual(verdict.saturationDepth, 2)
        XCTAssertEqual(verdict.lostTags, 3)
        XCTAssertTrue(
            verdict.line.contains("LOSES pipelined commands: 3 tags never answered (depth 4: 3)"), verdict.line)
    }

    func testPercentileIsNearestRank() {
        XCTAssertEqual(PercentileMath.percentile([1, 2, 3, 4], 50), 2)
        XCTAssertEqual(PercentileMath.percentile(Array(1...100), 99), 99)
        XCTAssertNil(PercentileMath.percentile([], 50))
        XCTAssertEqual(PercentileMath.slope([1, 3, 5, 7]), 2, accuracy: 1e-9)
    }
}

extension PipelineVerdictTests {
    func testBatchedWhenAnswersArriveTogetherAfterDepthTimesTheWork() {
        let verdict = PipelineVerdict(depths: [
            depth(1, throughput: 1000, medians: [400]),
            depth(8, throughput: 1000, medians: Array(repeating: 3_000, count: 8)),
        ])
        XCTAssertEqual(verdict.handling, .batched, verdict.line)
        XCTAssertTrue(verdict.line.contains("(batched)"), verdict.line)
    }
}
