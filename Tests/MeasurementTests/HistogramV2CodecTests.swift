import Foundation
import TestSupport
import XCTest
@testable import Measurement

final class HistogramV2CodecTests: XCTestCase {
    static let percentiles = [50.0, 90, 99, 99.9]

    private func syntheticHistogram(count: Int = 10_000) -> SparseHistogram {
        var histogram = HistogramLayout.makeHistogram()
        var state: UInt64 = 42
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            histogram.record(1 + (state >> 33) % 2_000_000)
        }
        histogram.record(3_000_000_000)
        return SparseHistogram(histogram)
    }

    func testEncodeDecodeRoundTrip() throws {
        let histogram = syntheticHistogram()
        let encoded = try HistogramV2Codec.encode(histogram)
        XCTAssertTrue(encoded.hasPrefix("HISTF"), encoded)
        XCTAssertEqual(try HistogramV2Codec.decode(encoded, maxValue: histogram.maxValue), histogram)
        XCTAssertEqual(try HistogramV2Codec.decode(try HistogramV2Codec.encode(SparseHistogram())), SparseHistogram())
    }

    func testVarintsMatchTheSpecification() {
        for value: Int64 in [0, 1, -1, 63, -64, 64, 1 << 20, -(1 << 40), Int64.max, Int64.min] {
            var bytes: [UInt8] = []
            HistogramV2Codec.appendVarint(value, to: &bytes)
            XCTAssertLessThanOrEqual(bytes.count, 9)
            var position = 0
            XCTAssertEqual(try HistogramV2Codec.readVarint(bytes, at: &position, end: bytes.count), value)
        }
        var bytes: [UInt8] = []
        HistogramV2Codec.appendVarint(-3, to: &bytes)
        XCTAssertEqual(bytes, [5])
    }

    func testCorruptInputIsAnErrorNotACrash() {
        XCTAssertThrowsError(try HistogramV2Codec.decode("not base64!"))
        XCTAssertThrowsError(try HistogramV2Codec.decode(Data([1, 2, 3, 4, 5, 6, 7, 8, 9]).base64EncodedString()))
        XCTAssertThrowsError(try HistogramLog.parse("Tag=x,1,1\n"))
    }

    func testLogRoundTrip() throws {
        let histogram = syntheticHistogram()
        let log = HistogramLog(
            startTime: 1_700_000_000.5,
            entries: [
                .init(tag: "UID_FETCH.response.ok", start: 0, length: 1, histogram: histogram),
                .init(tag: nil, start: 1, length: 1, histogram: histogram),
            ])
        let parsed = try HistogramLog.parse(try log.render())
        XCTAssertEqual(parsed.startTime, 1_700_000_000.5, accuracy: 0.001)
        XCTAssertEqual(parsed.entries.map(\.tag), ["UID_FETCH.response.ok", nil])
        XCTAssertEqual(parsed.entries[1].start, 1, accuracy: 0.001)
        XCTAssertEqual(parsed.entries[0].histogram, histogram)
    }

    /// Our payloads decoded by the independent Python `hdrhistogram` package, and its payloads
    /// decoded by us, give the same percentiles.
    func testCrossCheckWithPythonHdrHistogram() throws {
        let histogram = syntheticHistogram()
        let log = HistogramLog(
            startTime: 1_700_000_000,
            entries: [.init(tag: "FETCH.response.ok", start: 0, length: 1, histogram: histogram)])
        let script = """
            import sys
            from hdrh.histogram import HdrHistogram
            lines = [l for l in open(sys.argv[1]) if l.startswith('Tag=')]
            payload = lines[0].strip().split(',', 1)[1].split(',')[3]
            decoded = HdrHistogram.decode(payload)
            print(decoded.get_total_count())
            print(' '.join(str(decoded.get_value_at_percentile(p)) for p in [50.0, 90.0, 99.0, 99.9]))
            written = HdrHistogram(1, 3600000000, 3)
            for v in range(1, 10001):
                written.record_value(v * 97 % 100003 + 1)
            print(written.encode().decode('ascii'))
            print(' '.join(str(written.get_value_at_percentile(p)) for p in [50.0, 90.0, 99.0, 99.9]))
            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let logFile = directory.appendingPathComponent("latency.hlog")
        try log.render().write(to: logFile, atomically: true, encoding: .utf8)
        let output = try PythonRunner.run(script: script, arguments: [logFile.path])
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, output)
        guard lines.count == 4 else { return }
        XCTAssertEqual(UInt64(lines[0]), histogram.totalCount)
        let ours = histogram.values(atPercentiles: Self.percentiles)
        XCTAssertEqual(lines[1].split(separator: " ").compactMap { UInt64($0) }, ours)
        let theirs = try HistogramV2Codec.decode(lines[2])
        XCTAssertEqual(theirs.totalCount, 10_000)
        let expected = lines[3].split(separator: " ").compactMap { UInt64($0) }
        XCTAssertEqual(theirs.values(atPercentiles: Self.percentiles), expected)
    }
}
