import Foundation
import XCTest
@testable import Measurement
@testable import Reporting

/// The drain (commands in flight completing after the plan, logouts) in every file: its own
/// label and real length, out of the per-second plots, apart from full intervals in a merge.
final class DrainReportingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("drain-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// 1000 completions in a 32 ms drain: `run:drain` says so over its real length; the plots,
    /// whose every other point is 1000/s, do not show a 31250/s spike.
    func testTheDrainKeepsItsRealLengthAndStaysOutOfThePlots() throws {
        let result = SyntheticRun.make(drain: 0.032)
        let analysis = RunAnalysis(result)
        let drainRow = try XCTUnwrap(analysis.rows.first { $0.label == "run:drain" && $0.outcome == "all" })
        XCTAssertEqual(drainRow.ratePerSecond, 1000 / 0.032, accuracy: 1, "rate over the drain's real length")
        XCTAssertFalse(analysis.rows.contains { $0.label == "run:ramp_down" }, "the profile has no ramp-down")
        XCTAssertEqual(analysis.totalCommands, 4000, "the measured window is the hold alone")

        let plotted = Self.rates(GnuplotRenderer.timeseriesData(result, PlotSeries(analysis)), column: 1)
        XCTAssertEqual(plotted.count, 12, "one step (its start and end) per second of the plan")
        XCTAssertEqual(plotted.max() ?? 0, 1000, accuracy: 0.01)
        let compared = Self.rates(ComparisonPlots.throughputData([analysis], labels: ["a"]), column: 1)
        XCTAssertEqual(compared.max() ?? 0, 1000, accuracy: 0.01)

        let series = CSVTables.timeseries(result).split(separator: "\n").map(String.init)
        XCTAssertTrue(
            series.contains { $0.hasPrefix("6.000,all,1000,") && $0.hasSuffix(",0.032,drain") },
            series.joined(separator: "\n"))
        XCTAssertTrue(series.contains { $0.hasPrefix("5.000,all,1000,") && $0.hasSuffix(",1.000,hold") })
    }

    /// A run.json from before `drain` labelled its drain `ramp_down`: it still loads, and that
    /// last interval is read as the drain it was.
    func testAnOldRunFileStillLoadsWithItsDrainNamed() throws {
        let old = SyntheticRun.make(drain: 0.05, drainLabel: .rampDown)
        try RunDirectoryWriter.write(old, to: directory)
        let json = try String(contentsOf: directory.appendingPathComponent("run.json"), encoding: .utf8)
        XCTAssertFalse(json.contains("\"drain\""), "written as an old file would be")
        let reread = try RunDirectoryReader.read(directory)
        XCTAssertEqual(
            reread.intervals.map(\.phase.rawValue), ["warmup", "warmup", "hold", "hold", "hold", "hold", "drain"])
        let analysis = RunAnalysis(reread)
        XCTAssertEqual(analysis.totalCommands, 4000)
        XCTAssertTrue(analysis.rows.contains { $0.label == "run:drain" })
        XCTAssertFalse(analysis.rows.contains { $0.label == "run:ramp_down" })
    }

    /// Two generators, the second running a second longer: its last hold second aligns with the
    /// first's drain. Merged into the drain, that second left the measured window and got the
    /// drain's 50 ms length; a drain merges only with drains, and reads back from the files the same.
    func testADrainMergesOnlyWithDrains() throws {
        let first = SyntheticRun.make(segment: "a", drain: 0.05)
        let second = SyntheticRun.make(seconds: 7, segment: "b", drain: 0.05)
        let merged = try RunMerger.merge([first, second])
        XCTAssertEqual(RunAnalysis(merged).totalCommands, 9000, "both holds whole: 4 s and 5 s")
        XCTAssertEqual(merged.intervals.filter { $0.phase == .hold }.map(\.length), [1, 1, 1, 1, 1])
        XCTAssertEqual(merged.intervals.filter { $0.phase == .drain }.map(\.length), [0.05, 0.05])
        try RunDirectoryWriter.write(merged, to: directory)
        let reread = try RunDirectoryReader.read(directory)
        XCTAssertEqual(RunAnalysis(reread).rows, RunAnalysis(merged).rows)
    }

    /// Phases cut off the second (a `ramp_up: 200ms`, a warm-up scaled by --duration) in two
    /// runs started 3.4 s apart: rounding each interval to a second once put the 200 ms warm-up
    /// and the hold interval after it into one slot, labelled warm-up, and the hold lost it.
    func testMergedRunsKeepIntervalsThatStartOffTheSecond() throws {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let runs = [start, start.addingTimeInterval(3.4)].enumerated().map { index, wall in
            var run = SyntheticRun.make(seconds: 3, start: wall, segment: "\(index)")
            for (interval, cut) in zip(
                run.intervals.indices, [(0.0, 0.2, RunPhase.warmup), (0.2, 0.8, .hold), (1.0, 1.0, .hold)])
            {
                run.intervals[interval].startOffset = cut.0
                run.intervals[interval].length = cut.1
                run.intervals[interval].phase = cut.2
                run.intervals[interval].startWall = wall.addingTimeInterval(cut.0)
            }
            return run
        }
        XCTAssertEqual(RunAnalysis(runs[0]).totalCommands, 2000)
        let merged = try RunMerger.merge(runs)
        XCTAssertEqual(RunAnalysis(merged).totalCommands, 4000, "every hold interval of both runs")
        XCTAssertEqual(merged.intervals.map(\.startOffset), [0, 0.2, 1, 3, 3.2, 4])
    }

    /// The values of `column` (0 = t_s) in the first gnuplot index block of `data`.
    private static func rates(_ data: String, column: Int) -> [Double] {
        let block = data.components(separatedBy: "\n\n\n").first ?? ""
        return block.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: " ")
            return fields.count > column ? Double(fields[column]) : nil
        }
    }
}
