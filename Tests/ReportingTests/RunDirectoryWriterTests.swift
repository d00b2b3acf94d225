import Foundation
import TestSupport
import XCTest
@testable import Measurement
@testable import Reporting

final class RunDirectoryWriterTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func lines(_ name: String) throws -> [String] {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(
            String.init)
    }

    func testEveryFileExistsWithTheDocumentedColumns() throws {
        try RunDirectoryWriter.write(SyntheticRun.make(thresholds: ["fetch.p99 < 50ms"]), to: directory)
        XCTAssertEqual(try lines("summary.csv").first, CSVTables.summaryHeader)
        XCTAssertEqual(try lines("timeseries.csv").first, CSVTables.timeseriesHeader)
        XCTAssertEqual(try lines("percentiles.csv").first, CSVTables.percentilesHeader)
        XCTAssertEqual(try lines("latency.hlog").filter { $0.hasPrefix("\"") }, [HistogramLog.legend])
        let plotFiles = GnuplotRenderer.plotNames.flatMap { ["plots/\($0).gp", "plots/\($0).png", "plots/\($0).svg"] }
        for name in ["run.json", "report.html", "plots/README.txt"] + plotFiles {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), name)
        }
        let summary = try lines("summary.csv")
        XCTAssertTrue(summary.contains { $0.hasPrefix("UID FETCH,all,") })
        XCTAssertTrue(summary.contains { $0.hasPrefix("UID FETCH,timeout,") })
        XCTAssertTrue(summary.contains { $0.hasPrefix("phase:login,all,") })
        XCTAssertTrue(summary.contains { $0.hasPrefix("run:warmup,all,") })
        for line in summary {
            XCTAssertEqual(line.split(separator: ",", omittingEmptySubsequences: false).count, 12, line)
        }
    }

    func testSummaryPercentilesEqualThoseDecodedFromTheLog() throws {
        let result = SyntheticRun.make()
        try RunDirectoryWriter.write(result, to: directory)
        let reread = try RunDirectoryReader.read(directory)
        XCTAssertEqual(RunAnalysis(reread).rows, RunAnalysis(result).rows)
        let row = try XCTUnwrap(try lines("summary.csv").first { $0.hasPrefix("UID FETCH,all,") }).split(separator: ",")
        let decoded = RunAnalysis(reread).histogram(where: { $0.name == "UID FETCH" && $0.metric == .response })
        XCTAssertEqual(row[6...10].compactMap { UInt64($0) }, decoded.values(atPercentiles: [50, 90, 99, 99.9, 99.99]))
        XCTAssertEqual(UInt64(row[2]), decoded.totalCount)
        XCTAssertEqual(
            Double(row[3]) ?? 0, Double(decoded.totalCount) / 4, accuracy: 0.01, "rate over the 4 s hold phase only")
    }

    /// A real run starts at a fraction of a second; reading it back must place every hlog interval
    /// (whole seconds in run.json once left `report`, `compare` and `merge` with no data at all).
    func testARunStartingAtAFractionOfASecondReadsBackWhole() throws {
        let result = SyntheticRun.make(start: Date(timeIntervalSince1970: 1_700_000_000.393))
        try RunDirectoryWriter.write(result, to: directory)
        let reread = try RunDirectoryReader.read(directory)
        XCTAssertEqual(RunAnalysis(reread).totalCommands, RunAnalysis(result).totalCommands)
        XCTAssertGreaterThan(RunAnalysis(reread).totalCommands, 0)
        XCTAssertEqual(RunAnalysis(reread).rows, RunAnalysis(result).rows)
    }

    func testReportIsWellFormed() throws {
        try RunDirectoryWriter.write(SyntheticRun.make(), to: directory)
        let script = "import sys, xml.dom.minidom\nxml.dom.minidom.parse(sys.argv[1])\nprint('ok')"
        let output = try PythonRunner.run(
            script: script, arguments: [directory.appendingPathComponent("report.html").path])
        XCTAssertEqual(output.trimmingCharacters(in: .whitespacesAndNewlines), "ok")
    }

    func testReaderWindowRerenderCompareAndMerge() throws {
        try RunDirectoryWriter.write(SyntheticRun.make(), to: directory)
        let narrowed = try RunDirectoryReader.read(directory, from: 0, to: 2)
        XCTAssertEqual(RunAnalysis(narrowed).measuredSeconds, 2)
        let rerendered = directory.appendingPathComponent("rerendered")
        try RunDirectoryWriter.write(narrowed, to: rerendered)
        XCTAssertTrue(FileManager.default.fileExists(atPath: rerendered.appendingPathComponent("summary.csv").path))

        let slower = SyntheticRun.make(baseLatencyMicros: 10_000)
        let text = try RunComparison.compare(
            [SyntheticRun.make(), slower], labels: ["a", "b"], into: directory.appendingPathComponent("cmp"))
        XCTAssertTrue(text.contains("UID FETCH p50"), text)
        let csv = try String(contentsOf: directory.appendingPathComponent("cmp/compare.csv"), encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix(RunComparison.csvHeader))

        let merged = try RunMerger.merge([SyntheticRun.make(segment: "a"), SyntheticRun.make(segment: "b")])
        let single = RunAnalysis(SyntheticRun.make())
        let both = RunAnalysis(merged)
        XCTAssertEqual(both.measuredSeconds, single.measuredSeconds, "rates over the union of windows")
        XCTAssertEqual(both.totalCommands, 2 * single.totalCommands)
        XCTAssertEqual(both.allRow(command: "NOOP")?.statistics.p99, single.allRow(command: "NOOP")?.statistics.p99)
        XCTAssertEqual(merged.segments, ["a", "b"])
    }

    /// How deep the pipeline ran reaches the console, summary.csv, run.json and report.html.
    func testThePipelineLineReachesEveryFile() throws {
        let result = SyntheticRun.make(sessions: 10, pipelineDepth: 16)
        let mean = try XCTUnwrap(TargetAttainment(RunAnalysis(result)).meanInFlight)
        let line = try XCTUnwrap(TargetAttainment(RunAnalysis(result)).pipelineLine)
        XCTAssertTrue(line.hasPrefix("pipeline: depth 16, "), line)
        XCTAssertTrue(SummaryTable.render(result).contains(line))
        try RunDirectoryWriter.write(result, to: directory)
        let summary = try lines("summary.csv")
        XCTAssertTrue(summary.contains { $0.hasPrefix("target:pipeline,depth,16,") }, "\(summary)")
        XCTAssertTrue(summary.contains { $0.hasPrefix("target:pipeline,mean_in_flight,,") }, "\(summary)")
        let json = try Data(contentsOf: directory.appendingPathComponent("run.json"))
        let document = try RunDocument.decoder().decode(RunDocument.self, from: json)
        XCTAssertEqual(try XCTUnwrap(document.targets?.meanInFlight), mean, accuracy: 1e-9)
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("pipeline: depth 16"))
    }

    /// Target against reached sessions and offered against achieved rate reach the console, summary.csv,
    /// run.json and report.html, and survive a re-read; a shortfall is its own health line.
    func testTargetsReachEveryFile() throws {
        let result = SyntheticRun.make(sessions: 239, targetSessions: 1000, offeredRate: 5000)
        let table = SummaryTable.render(result)
        for line in [
            "sessions: target 1000, reached 239 at peak", "rate: offered 5000/s, achieved 1000/s",
            "health: generator healthy.", "health: TARGET NOT REACHED: 239 of 1000 sessions",
        ] {
            XCTAssertTrue(table.contains(line), "\(line) missing from\n\(table)")
        }
        try RunDirectoryWriter.write(result, to: directory)
        let summary = try lines("summary.csv")
        for row in [
            "target:sessions,target,1000,", "target:sessions,reached,239,", "target:rate,offered,,5000.000,",
            "target:rate,achieved,,1000.000,",
        ] {
            XCTAssertTrue(summary.contains { $0.hasPrefix(row) }, "\(row) missing from summary.csv")
        }
        let json = try Data(contentsOf: directory.appendingPathComponent("run.json"))
        let document = try RunDocument.decoder().decode(RunDocument.self, from: json)
        XCTAssertEqual(document.targets?.targetSessions, 1000)
        XCTAssertEqual(document.targets?.reachedSessions, 239)
        XCTAssertEqual(document.targets?.shortfalls.count, 2, "sessions and rate")
        XCTAssertTrue(document.isLimited)
        XCTAssertFalse(document.health.isLimitedByGenerator, "a shortfall of its own kind")
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("sessions: target 1000, reached 239") && html.contains("TARGET NOT REACHED"), html)
        XCTAssertEqual(
            try RunDirectoryReader.read(directory).configuration.targetSessions, 1000, "kept for report and compare")
    }

    func testSummaryTableShowsCommandsAndHealth() {
        let table = SummaryTable.render(SyntheticRun.make(thresholds: ["commands.rate > 1000000/s"]))
        XCTAssertTrue(table.contains("UID FETCH"), table)
        XCTAssertTrue(
            table.contains("health: generator healthy.\nhealth: 6 commands dropped unsent"),
            "drops are reported, not blamed on the generator")
        let saturated = SummaryTable.render(SyntheticRun.make(cpuSecondsPerSecond: 1.9))
        XCTAssertTrue(saturated.contains("health: LIMITED BY THE GENERATOR: process CPU 95%"), saturated)
        XCTAssertTrue(table.contains("threshold FAIL: commands.rate > 1000000/s"), table)
    }
}

extension RunDirectoryWriterTests {
    /// `--out DIR` deleted DIR before writing; now a directory that is not a run is refused, and
    /// an earlier run keeps the files a person added.
    func testAnotherDirectoryIsRefusedAndARunKeepsAddedFiles() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let own = directory.appendingPathComponent("own.txt")
        try "kept".write(to: own, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try RunDirectoryWriter.write(SyntheticRun.make(), to: directory))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["own.txt"])
        try RunDirectoryWriter.write(SyntheticRun.make(), to: directory, force: true)
        try RunDirectoryWriter.write(SyntheticRun.make(), to: directory)
        XCTAssertEqual(try String(contentsOf: own, encoding: .utf8), "kept")
        XCTAssertEqual(try lines("summary.csv").first, CSVTables.summaryHeader)
    }
}
