import Foundation
import XCTest
@testable import Measurement
@testable import Reporting

/// The run's plots (#15): colours that never repeat, top-N with "other", true interval lengths,
/// phase shading, the run id in titles, errors by outcome, spectra that reach the maximum.
final class RunPlotsTests: XCTestCase {
    /// A run with `kinds` command kinds, the first busiest; one interval per second, the last `last` s long.
    private func run(kinds: Int, last: Double = 1, errors: Bool = false) -> RunResult {
        let collector = RunCollector(configuration: RunConfigurationRecord(runID: "plots-run", profileName: "p"))
        for second in 0..<4 {
            let recorder = LatencyRecorder()
            for kind in 0..<kinds {
                for index in 0..<(100 - kind) {
                    let outcome: Outcome = errors && index == 0 ? .timeout : .ok
                    recorder.record(
                        CommandSample(
                            command: "CMD\(kind)", operation: "op", outcome: outcome,
                            responseNanos: UInt64(1_000_000 + index * 10_000), serviceNanos: 1000, sendLagNanos: 1000))
                }
            }
            let length = second == 3 ? last : 1
            collector.add(
                interval: recorder.takeInterval(), startWall: Date(timeIntervalSince1970: Double(second)),
                startOffset: Double(second),
                length: length, sessions: 1, phase: second == 0 ? .warmup : .hold, processCPUSeconds: 0, openFiles: 1)
        }
        return collector.finish(endWall: Date(timeIntervalSince1970: 4), interrupted: false)
    }

    func testFourteenCommandKindsGetColoursThatNeverRepeat() {
        let series = PlotSeries(RunAnalysis(run(kinds: 14)))
        XCTAssertEqual(series.names.count, 1 + GnuplotScript.palette.count, "all, the busiest kinds, other")
        XCTAssertEqual(series.names.first, "all")
        XCTAssertEqual(series.names.last, "other 6")
        XCTAssertEqual(Array(series.names[1...3]), ["CMD0", "CMD1", "CMD2"], "busiest first")
        let colours = series.names.map(series.colour)
        XCTAssertEqual(Set(colours).count, colours.count, "\(colours)")
        XCTAssertTrue(series.includes("other 6", "CMD13"))
    }

    func testAShortLastIntervalIsAStepOfItsTrueLengthNotASpike() {
        let result = run(kinds: 1, last: 0.25)
        let data = GnuplotRenderer.timeseriesData(result, PlotSeries(RunAnalysis(result)))
        let rows = data.components(separatedBy: "\n\n\n")[0].split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: " ").compactMap { Double($0) } }
        XCTAssertEqual(rows.count, 8, "a start and an end point per interval")
        XCTAssertEqual(rows[6][0], 3, accuracy: 1e-9)
        XCTAssertEqual(rows[7][0], 3.25, accuracy: 1e-9, "the step ends where the interval did")
        XCTAssertEqual(rows[7][1], 100 / 0.25, accuracy: 0.01, "count over the real length")
    }

    func testPlotsNameTheRunShadeTheWarmupAndKeepLegendsOffTheData() {
        let result = run(kinds: 3)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertNoThrow(try GnuplotRenderer.write(result, to: directory))
        for name in ["throughput", "spectrum", "errors"] {
            let script =
                (try? String(contentsOf: directory.appendingPathComponent("\(name).gp"), encoding: .utf8)) ?? ""
            XCTAssertTrue(script.contains("run plots-run'"), "\(name): \(script)")
            if name != "spectrum" {
                XCTAssertTrue(
                    script.contains("rect from first 0.000, graph 0 to first 1.000") && script.contains("'warmup'"),
                    name)
            }
            XCTAssertFalse(script.contains("set key top") || script.contains("set key bottom"), name)
        }
        let throughput =
            (try? String(contentsOf: directory.appendingPathComponent("throughput.gp"), encoding: .utf8)) ?? ""
        XCTAssertTrue(throughput.contains("set key outside"), throughput)
    }

    func testAnErrorFreeRunSaysSoInsteadOfAMinusOneToOneAxis() {
        let result = run(kinds: 2)
        let context = GnuplotRenderer.PlotContext(
            runID: "r", series: PlotSeries(RunAnalysis(result)), spans: PhaseSpan.spans(result),
            errorOutcomes: GnuplotRenderer.errorOutcomes(result), spectrumTopNines: 2)
        let script = GnuplotRenderer.errorsScript(context)
        XCTAssertTrue(script.contains("no errors in this run") && script.contains("set yrange [0:1]"), script)
    }

    func testErrorsArePlottedByOutcome() {
        let result = run(kinds: 2, errors: true)
        XCTAssertEqual(GnuplotRenderer.errorOutcomes(result), ["timeout"])
        let data = GnuplotRenderer.errorsData(result, outcomes: ["timeout"])
        XCTAssertTrue(data.hasPrefix("# timeout\n"), data)
        XCTAssertTrue(data.contains("1.000 2.000"), "two timeouts a second: \(data)")
    }

    func testTheSpectrumReachesTheMaximumAndTheAxisEndsThere() {
        let result = run(kinds: 1)
        let analysis = RunAnalysis(result)
        let histogram = analysis.histogram(where: { $0.group == .command && $0.metric == .response })
        let points = GnuplotRenderer.spectrumPoints(histogram)
        XCTAssertEqual(points.last?.millis ?? 0, Double(histogram.maxValue) / 1000, accuracy: 1e-9)
        XCTAssertEqual(points.last?.nines ?? 0, log10(Double(histogram.totalCount)), accuracy: 1e-9)
        let spectrum = GnuplotRenderer.spectrumData(analysis, PlotSeries(analysis))
        XCTAssertEqual(spectrum.topNines, log10(Double(histogram.totalCount)), accuracy: 1e-9)
    }
}
