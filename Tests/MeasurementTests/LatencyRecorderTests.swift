import XCTest
@testable import Measurement
import Histogram

final class LatencyRecorderTests: XCTestCase {
    private func sample(_ nanos: UInt64, outcome: Outcome = .ok) -> CommandSample {
        CommandSample(
            command: "UID FETCH", operation: "fetch-headers", outcome: outcome, responseNanos: nanos,
            serviceNanos: nanos / 2, sendLagNanos: nanos / 4, bytesIn: 100, bytesOut: 10, untagged: 2)
    }

    func testMergingPerLoopHistogramsEqualsRecordingAllValuesInOne() {
        var generator = SystemRandomNumberGenerator()
        let loops = (0..<4).map { _ in LatencyRecorder() }
        let single = LatencyRecorder()
        for _ in 0..<20_000 {
            let nanos = UInt64.random(in: 1_000...5_000_000_000, using: &generator)
            let outcome: Outcome = Bool.random() ? .ok : .timeout
            loops[Int.random(in: 0..<4)].record(sample(nanos, outcome: outcome))
            single.record(sample(nanos, outcome: outcome))
        }
        var merged = IntervalData()
        for loop in loops { merged.merge(loop.takeInterval()) }
        let reference = single.takeInterval()
        XCTAssertEqual(Set(merged.histograms.keys), Set(reference.histograms.keys))
        for (key, histogram) in reference.histograms {
            XCTAssertEqual(merged.histograms[key], histogram, "\(key)")
            XCTAssertEqual(SparseHistogram(merged.histograms[key]!), SparseHistogram(histogram))
        }
        XCTAssertEqual(merged.traffic, reference.traffic)
    }

    /// A command held back by the server (full pipeline, RFC 3501 §5.5 wait) has a long send lag
    /// but a short own send lag: the first goes to the command's row, the second to the
    /// generator's, which is what the health verdict judges. Without an own lag, the send lag counts.
    func testOwnSendLagGoesToTheGeneratorSeries() {
        let recorder = LatencyRecorder()
        recorder.record(
            CommandSample(
                command: "FETCH", operation: "fetch", outcome: .ok, responseNanos: 9_000_000,
                serviceNanos: 1_000_000, sendLagNanos: 8_000_000, ownSendLagNanos: 3_000))
        recorder.record(
            CommandSample(
                command: "NOOP", operation: "noop", outcome: .ok, responseNanos: 900_000,
                serviceNanos: 800_000, sendLagNanos: 100_000))
        let data = recorder.takeInterval()
        let fetchLag = SeriesKey(group: .command, name: "FETCH", operation: "fetch", metric: .sendLag, outcome: .ok)
        XCTAssertEqual(data.histograms[fetchLag]?.maxRecorded, 8_000)
        let own = data.histograms[LatencyRecorder.ownSendLagSeries]
        XCTAssertEqual(own?.totalCount, 2)
        XCTAssertEqual(own?.min, 3)
        XCTAssertEqual(own?.maxRecorded, 100)
    }

    func testOutOfRangeValuesAreCountedNotDropped() {
        let recorder = LatencyRecorder()
        recorder.record(sample(2 * 3_600_000_000_000_000))
        recorder.recordPhase(.login, nanos: 5_000_000, outcome: .ok)
        recorder.recordDropped(operation: "fetch-headers")
        recorder.recordSkipped(operation: "idle", reason: "late")
        let data = recorder.takeInterval()
        let key = SeriesKey(
            group: .command, name: "UID FETCH", operation: "fetch-headers", metric: .response, outcome: .ok)
        XCTAssertEqual(data.outOfRange[key], 1)
        XCTAssertEqual(data.dropped["fetch-headers"], 1)
        XCTAssertEqual(data.skipped[SkipKey(operation: "idle", reason: "late")], 1)
        let phase = SeriesKey(group: .phase, name: "login", metric: .duration, outcome: .ok)
        XCTAssertEqual(data.histograms[phase]?.totalCount, 1)
        XCTAssertTrue(recorder.takeInterval().isEmpty, "takeInterval starts a new interval")
    }

    func testSparsePercentilesMatchHdrHistogram() {
        var histogram = HistogramLayout.makeHistogram()
        for value in 1...100_000 as ClosedRange<UInt64> { histogram.record(value * 37 % 1_000_003) }
        let sparse = SparseHistogram(histogram)
        let percentiles = [0.0, 1, 50, 90, 99, 99.9, 99.99, 100]
        let values = sparse.values(atPercentiles: percentiles)
        for (percentile, value) in zip(percentiles, values) where percentile > 0 {
            XCTAssertEqual(value, histogram.valueAtPercentile(percentile), "p\(percentile)")
        }
        XCTAssertEqual(sparse.maxValue, histogram.maxRecorded)
        XCTAssertEqual(sparse.histogram(), histogram.withoutExactExtremes())
    }

    func testTagsRoundTrip() {
        let keys = [
            SeriesKey(
                group: .command, name: "UID FETCH", operation: "fetch-headers", metric: .sendLag,
                outcome: .protocolError),
            SeriesKey(group: .phase, name: "tls_handshake", metric: .duration, outcome: .timeout),
            SeriesKey(group: .generator, name: "hiccup", metric: .hiccup, outcome: .ok),
        ]
        for key in keys { XCTAssertEqual(SeriesKey(tag: key.tag), key, key.tag) }
        XCTAssertEqual(keys[0].tag, "UID_FETCH[fetch-headers].send_lag.protocol_error")
        XCTAssertNil(SeriesKey(tag: "nonsense"))
    }
}

extension Histogram<UInt64> {
    /// A copy rebuilt from bucket values, as a round trip through counts produces.
    func withoutExactExtremes() -> Histogram<UInt64> {
        var copy = HistogramLayout.makeHistogram()
        for item in recordedValues() { copy.record(item.value, count: item.count) }
        return copy
    }
}
