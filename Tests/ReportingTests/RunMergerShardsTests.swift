import Foundation
import XCTest
@testable import Measurement
@testable import Reporting

/// Shard 1's merge: clocks corrected by the recorded offsets, a missing shard named everywhere.
final class RunMergerShardsTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// A shard whose clock runs 3 s behind shard 1 started at the same real moment: its run says
    /// it began 3 s earlier, and its offset note (+3000 ms) puts it back. Without the correction
    /// its intervals landed 3 s apart and the merged run was 9 s long instead of 6.
    func testShardsAreAlignedOnShardOnesClock() throws {
        let first = SyntheticRun.make(start: start, segment: "1/2")
        let behind = SyntheticRun.make(
            start: start.addingTimeInterval(-3), segment: "2/2",
            notes: [ShardNote.clockOffset: "3000.000"])
        let merged = try RunMerger.mergeShards([first, behind], missing: [:])
        XCTAssertEqual(merged.intervals.count, first.intervals.count, "every interval of one shard meets its twin")
        XCTAssertEqual(merged.durationSeconds, first.durationSeconds, accuracy: 1e-9)
        XCTAssertEqual(RunAnalysis(merged).totalCommands, 2 * RunAnalysis(first).totalCommands)
        XCTAssertEqual(merged.configuration.notes[ShardNote.startSkew], "0.000")
        XCTAssertNil(
            merged.configuration.notes[ShardNote.clockOffset], "one shard's offset does not describe the merge")
    }

    func testAMissingShardIsNamedInTheNotesAndTheSummary() throws {
        let merged = try RunMerger.mergeShards(
            [
                SyntheticRun.make(thresholds: ["commands.rate > 1/s"], segment: "1/3"),
                SyntheticRun.make(segment: "2/3"),
            ],
            missing: [3: "its connection closed before it sent a result"])
        XCTAssertEqual(
            merged.configuration.notes[ShardNote.missing], "shard 3 of 3: its connection closed before it sent a result"
        )
        XCTAssertTrue(SummaryTable.render(merged).contains("SHARDS MISSING: shard 3 of 3: its connection closed"))
        XCTAssertEqual(merged.configuration.thresholds, ["commands.rate > 1/s"], "shard 1's thresholds judge the merge")
        XCTAssertEqual(merged.segments, ["1/3", "2/3"])
    }
}
