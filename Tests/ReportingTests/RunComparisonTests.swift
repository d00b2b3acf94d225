import Foundation
import TestSupport
import XCTest
@testable import Measurement
@testable import Reporting

final class RunComparisonTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Eight hold seconds of 2000 commands each, "UID FETCH" and "NOOP"; odd seconds are 10%
    /// slower, so the per-interval p50 spreads by about 5% around its mean.
    private func run(scale: Double, logouts: Int = 0) -> RunResult {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let collector = RunCollector(
            configuration: RunConfigurationRecord(
                runID: "cmp", profileName: "synthetic", loadModel: "open", offeredRate: 2000, cores: 2, thresholds: [],
                segment: nil))
        for second in 0..<8 {
            let recorder = LatencyRecorder()
            let level = (second % 2 == 0 ? 4000.0 : 4400.0) * scale
            for index in 0..<2000 {
                let micros = UInt64(level + Double(index % 100) * 10)
                recorder.record(
                    CommandSample(
                        command: index % 2 == 0 ? "UID FETCH" : "NOOP", operation: "op", outcome: .ok,
                        responseNanos: micros * 1000, serviceNanos: micros * 500, sendLagNanos: 1000,
                        bytesIn: 100, bytesOut: 20, untagged: 0))
            }
            // a rare command: `logouts` samples in all, spread over the eight seconds
            for index in 0..<(logouts / 8 + (second < logouts % 8 ? 1 : 0)) {
                recorder.record(
                    CommandSample(
                        command: "LOGOUT", operation: "op", outcome: .ok,
                        responseNanos: UInt64((1000 + index * 37) * 1000)))
            }
            collector.add(
                interval: recorder.takeInterval(), startWall: start.addingTimeInterval(Double(second)),
                startOffset: Double(second),
                length: 1, sessions: 4, phase: .hold, processCPUSeconds: 0.01, openFiles: 10)
        }
        return collector.finish(endWall: start.addingTimeInterval(8), interrupted: false)
    }

    private func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path)
    }

    func testNoiseIsTheSpreadOfWindowValues() throws {
        let analysis = RunAnalysis(run(scale: 1))
        let noise = try XCTUnwrap(ComparisonNoise.relativeNoise(.p50, command: "UID FETCH", in: analysis))
        XCTAssertEqual(noise, 0.05, accuracy: 0.01, "alternating 4.0/4.4 ms levels")
        XCTAssertEqual(
            try XCTUnwrap(ComparisonNoise.relativeNoise(.rate, command: "NOOP", in: analysis)), 0, accuracy: 1e-9,
            "steady rate")
        XCTAssertEqual(
            ComparisonNoise.windowValues(.p99_9, command: "NOOP", in: analysis).count, 0,
            "1000 samples per second: no window reaches 10000 in 8 s")
        XCTAssertNil(ComparisonNoise.relativeNoise(.p99_9, command: "NOOP", in: analysis), "unknown, not zero")
        XCTAssertEqual(try XCTUnwrap(ComparisonNoise.combined(0.03, 0.04)), 0.05, accuracy: 1e-12)
    }

    func testSmallChangeIsMarkedAndLargeChangeIsNot() throws {
        let labels = ["base, v1", "tiny <change>", "much slower"]
        let text = try RunComparison.compare(
            [run(scale: 1), run(scale: 1.02), run(scale: 1.5)], labels: labels, into: directory)
        let fetchP50 = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("UID FETCH p50 ms") })
        let afterChanges = fetchP50.components(separatedBy: "%)")
        XCTAssertEqual(afterChanges.count, 3, String(fetchP50))
        XCTAssertTrue(afterChanges[1].hasPrefix(" \(RunComparison.noiseMarker)"), "the 2% change is noise: \(fetchP50)")
        XCTAssertFalse(afterChanges[2].contains(RunComparison.noiseMarker), "the 50% change is real: \(fetchP50)")

        let csv = try String(contentsOf: directory.appendingPathComponent("compare.csv"), encoding: .utf8).split(
            separator: "\n"
        ).map(String.init)
        XCTAssertEqual(csv.first, RunComparison.csvHeader)
        let fetch = csv.filter { $0.hasPrefix("UID FETCH,p50,") }
        XCTAssertEqual(fetch.count, 3)
        XCTAssertTrue(fetch[0].hasPrefix("UID FETCH,p50,\"base, v1\","), fetch[0])
        XCTAssertTrue(fetch[0].hasSuffix(",,,,"), "the baseline has no change: \(fetch[0])")
        XCTAssertTrue(fetch[1].hasSuffix(",true"), fetch[1])
        XCTAssertTrue(fetch[2].hasSuffix(",false"), fetch[2])
        let withinColumn = csv.dropFirst().map { $0.hasSuffix(",true") || $0.hasSuffix(",false") || $0.hasSuffix(",") }
        XCTAssertFalse(withinColumn.contains(false), "every line ends in the within_noise column")
    }

    /// n = 82 once gave "p99 -15.9%" with no noise marker: a p99 of 82 samples is their maximum.
    /// Too few samples show as such (text, csv, html), next to the sample counts.
    func testTooFewSamplesShowInsteadOfAPercentage() throws {
        let text = try RunComparison.compare(
            [run(scale: 1, logouts: 82), run(scale: 1.3, logouts: 90)], labels: ["a", "b"], into: directory)
        let lines = text.split(separator: "\n").map(String.init)
        let p99 = try XCTUnwrap(lines.first { $0.hasPrefix("LOGOUT p99 ms") })
        XCTAssertTrue(p99.contains("too few samples (n=82)") && p99.contains("too few samples (n=90)"), p99)
        XCTAssertFalse(p99.contains("%"), "no percentage for a percentile that is the max: \(p99)")
        XCTAssertTrue(
            try XCTUnwrap(lines.first { $0.hasPrefix("LOGOUT p50 ms") }).contains("%)"), "a p50 of 82 is resolved")
        let samples = try XCTUnwrap(lines.first { $0.hasPrefix("LOGOUT samples") })
        XCTAssertTrue(samples.contains(" 82 ") && samples.contains(" 90 ("), "whole counts: \(samples)")
        XCTAssertTrue(
            try XCTUnwrap(lines.first { $0.hasPrefix("UID FETCH p99.9 ms") }).contains("%)"),
            "8000 samples resolve p99.9")
        let csv = try String(contentsOf: directory.appendingPathComponent("compare.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\nLOGOUT,p99,b,,"), "empty value: \(csv)")
        XCTAssertTrue(csv.contains("\nLOGOUT,samples,a,82.000,"), csv)
        let html = try String(contentsOf: directory.appendingPathComponent("compare.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("too few samples (n=90)"), html)
    }

    /// Regressions stand out: WORSE / better in the console, red / green in the page, noise grey.
    func testRegressionsStandOut() throws {
        let text = try RunComparison.compare(
            [run(scale: 1), run(scale: 1.5), run(scale: 0.6), run(scale: 1.02)],
            labels: ["base", "slower", "faster", "same"], into: directory)
        let fetchP50 = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("UID FETCH p50 ms") })
        let changes = fetchP50.components(separatedBy: "%)").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(changes.count, 3, String(fetchP50))
        XCTAssertTrue(changes[0].hasPrefix(RunComparison.worseMarker), String(fetchP50))
        XCTAssertTrue(changes[1].hasPrefix(RunComparison.betterMarker), String(fetchP50))
        XCTAssertTrue(changes[2].hasPrefix(RunComparison.noiseMarker), String(fetchP50))
        let html = try String(contentsOf: directory.appendingPathComponent("compare.html"), encoding: .utf8)
        for style in [
            "class=\"worse\"", "class=\"better\"", "class=\"noise\"", ".worse{color:#a00", ".better{color:#060}",
        ] {
            XCTAssertTrue(html.contains(style), "\(style) missing")
        }
    }

    /// A limited, interrupted or otherwise different run is marked in the console and the page.
    func testRunsThatShouldNotBeBelievedAreMarked() throws {
        var limited = run(scale: 1)
        for index in limited.intervals.indices { limited.intervals[index].processCPUSeconds = 1.9 }
        var interrupted = run(scale: 1)
        interrupted.interrupted = true
        var other = run(scale: 1)
        other.configuration.profileName = "webmail"
        other.configuration.target = "127.0.0.2:143"
        let text = try RunComparison.compare(
            [run(scale: 1), limited, interrupted, other],
            labels: ["base", "limited", "stopped", "other"], into: directory)
        let lines = text.split(separator: "\n").map(String.init)
        func line(_ name: String) -> String { lines.first { $0.hasPrefix("  \(name):") } ?? "" }
        XCTAssertFalse(line("base").contains("!"), line("base"))
        XCTAssertTrue(line("limited").contains("! LIMITED BY THE GENERATOR: process CPU"), line("limited"))
        XCTAssertTrue(line("stopped").contains("! interrupted"), line("stopped"))
        XCTAssertTrue(line("other").contains("! profile webmail, the baseline's is synthetic"), line("other"))
        XCTAssertTrue(line("other").contains("another server than the baseline's"), line("other"))
        let header = try XCTUnwrap(lines.first { $0.hasPrefix("command metric") })
        XCTAssertTrue(
            header.contains("limited !") && header.contains("stopped !") && header.contains("other !"), header)
        let html = try String(contentsOf: directory.appendingPathComponent("compare.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("! LIMITED BY THE GENERATOR") && html.contains("<th class=\"bad\""), html)
    }

    func testRunWithoutACommandShowsADash() throws {
        var other = run(scale: 1)
        for index in other.intervals.indices {
            other.intervals[index].histograms = other.intervals[index].histograms.filter { $0.key.name != "NOOP" }
        }
        let text = try RunComparison.compare([run(scale: 1), other], labels: ["a", "b"], into: directory)
        let noopRate = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("NOOP rate/s") })
        XCTAssertTrue(noopRate.hasSuffix("  -"), String(noopRate))
    }

    func testWithoutGnuplotTheComparisonStillSucceedsAndSaysHowToRender() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        setenv("PATH", "/nonexistent", 1)
        defer { setenv("PATH", path, 1) }
        let text = try RunComparison.compare([run(scale: 1), run(scale: 1.1)], labels: ["a", "b"], into: directory)
        XCTAssertTrue(text.contains("gnuplot was not available"), text)
        XCTAssertTrue(exists("plots/throughput.gp") && exists("plots/spectrum.dat") && !exists("plots/throughput.svg"))
        let readme = try String(contentsOf: directory.appendingPathComponent("plots/README.txt"), encoding: .utf8)
        XCTAssertTrue(readme.contains("gnuplot \"$f\""), readme)
    }

    func testPlotsAndSelfContainedPage() throws {
        let labels = ["a & b, first", "second"]
        _ = try RunComparison.compare([run(scale: 1), run(scale: 1.3)], labels: labels, into: directory)
        let plots = ["throughput", "spectrum-all", "spectrum-1-noop", "spectrum-2-uid-fetch"]
        for name in ["plots/spectrum.dat", "plots/throughput.dat", "plots/README.txt"] + plots.map({ "plots/\($0).gp" })
        {
            XCTAssertTrue(exists(name), name)
        }
        let gnuplotInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot")
        if gnuplotInstalled {
            for name in plots.flatMap({ ["plots/\($0).png", "plots/\($0).svg"] }) { XCTAssertTrue(exists(name), name) }
        }
        let script = try String(contentsOf: directory.appendingPathComponent("plots/spectrum-all.gp"), encoding: .utf8)
        XCTAssertTrue(script.contains("'99.9%%' 3"), "nines axis: \(script)")
        XCTAssertTrue(
            script.contains("index 0 using 1:2") && script.contains("index 1 using 1:2"), "both runs overlaid")

        let page = directory.appendingPathComponent("compare.html")
        let check =
            "import sys, xml.dom.minidom\nd = xml.dom.minidom.parse(sys.argv[1])\n"
            + "print(len(d.getElementsByTagName('svg')))\n"
            + "print('|'.join(c.firstChild.data if c.firstChild else '' for c in d.getElementsByTagName('table')[0].getElementsByTagName('tr')[1].getElementsByTagName('td')))\n"
            + "print('|'.join(c.firstChild.data for c in d.getElementsByTagName('th')))"
        let output = try PythonRunner.run(script: check, arguments: [page.path]).split(separator: "\n").map(String.init)
        XCTAssertEqual(output.count, 3, "\(output)")
        XCTAssertEqual(Int(output[0]), gnuplotInstalled ? plots.count : 0, "inline SVGs")
        XCTAssertTrue(output[1].hasPrefix("NOOP|rate/s|"), "cells come from data, not split CSV: \(output[1])")
        XCTAssertEqual(output[1].split(separator: "|").count, 7, output[1])
        XCTAssertTrue(output[2].contains("|a & b, first|"), output[2])
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertFalse(html.contains("http://") && html.contains("<script src"), "no network")
    }
}
