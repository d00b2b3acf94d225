import Foundation
import Measurement

/// Writes gnuplot data and scripts under plots/ and renders them to PNG and SVG.
///
/// The .dat and .gp files are kept so a user can restyle a plot and re-run `gnuplot NAME.gp`.
/// When gnuplot is missing the run still succeeds; plots/README.txt says how to render.
public enum GnuplotRenderer {
    /// Plot names; each has NAME.gp, NAME.png and NAME.svg.
    public static let plotNames = ["throughput", "latency", "spectrum", "phases", "errors"]

    /// Writes data and scripts into `directory`, then runs gnuplot; returns true when rendered.
    @discardableResult
    public static func write(_ result: RunResult, to directory: URL) throws -> Bool {
        let analysis = RunAnalysis(result)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try timeseriesData(result).write(to: directory.appendingPathComponent("timeseries.dat"), atomically: true, encoding: .utf8)
        try spectrumData(analysis).write(to: directory.appendingPathComponent("spectrum.dat"), atomically: true, encoding: .utf8)
        try phasesData(analysis).write(to: directory.appendingPathComponent("phases.dat"), atomically: true, encoding: .utf8)
        let commands = ["all"] + analysis.commandNames
        for name in plotNames {
            try script(name, commands: commands).write(to: directory.appendingPathComponent("\(name).gp"), atomically: true, encoding: .utf8)
        }
        let rendered = plotNames.map { run(script: "\($0).gp", in: directory) }.allSatisfy { $0 }
        let note = rendered
            ? "Plots rendered by gnuplot. Edit a NAME.gp and run `gnuplot NAME.gp` here to restyle it.\n"
            : "gnuplot was not available or failed: install gnuplot (Debian: apt-get install gnuplot-nox) and run `for f in *.gp; do gnuplot \"$f\"; done` in this directory.\n"
        try note.write(to: directory.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        return rendered
    }

    /// One gnuplot index block per command (all outcomes): t_s, rate/s, p50 ms, p99 ms, errors/s, sessions.
    /// Rates divide by each interval's real length; the drain is left out (`RunResult.loadIntervals`).
    static func timeseriesData(_ result: RunResult) -> String {
        var blocks: [String: [String]] = [:]
        for interval in result.loadIntervals {
            var byCommand: [String: (SparseHistogram, UInt64)] = ["all": (SparseHistogram(), 0)]
            for (key, histogram) in interval.histograms where key.group == .command && key.metric == .response {
                for name in [key.name, "all"] {
                    byCommand[name, default: (SparseHistogram(), 0)].0.add(histogram)
                    if !key.outcome.isSuccess { byCommand[name, default: (SparseHistogram(), 0)].1 += histogram.totalCount }
                }
            }
            let length = max(interval.length, 1e-9)
            for (name, (histogram, errors)) in byCommand {
                let values = histogram.values(atPercentiles: [50, 99])
                blocks[name, default: []].append(String(
                    format: "%.3f %.3f %.3f %.3f %.3f %d", interval.startOffset, Double(histogram.totalCount) / length,
                    Double(values[0]) / 1000, Double(values[1]) / 1000, Double(errors) / length, interval.sessions))
            }
        }
        return (["all"] + blocks.keys.filter { $0 != "all" }.sorted()).map { name in
            "# \(name)\n# t_s rate_per_s p50_ms p99_ms errors_per_s sessions\n" + (blocks[name] ?? []).joined(separator: "\n")
        }.joined(separator: "\n\n\n") + "\n"
    }

    /// One block per command ("all" first): nines (-log10(1-p)), value in ms, percentile.
    static func spectrumData(_ analysis: RunAnalysis) -> String {
        let names = ["all"] + analysis.commandNames
        return names.map { name in
            let histogram = analysis.histogram(where: { $0.group == .command && $0.metric == .response && (name == "all" || $0.name == name) })
            let points = CSVTables.spectrum(histogram).filter { $0.0 < 100 }.map { level, value in
                String(format: "%.4f %.3f %.6f", -log10(1 - level / 100), Double(value) / 1000, level)
            }
            return "# \(name)\n" + (points.isEmpty ? "0 0 0" : points.joined(separator: "\n"))
        }.joined(separator: "\n\n\n") + "\n"
    }

    /// Session phases: index, name, p50 ms, p99 ms, count.
    static func phasesData(_ analysis: RunAnalysis) -> String {
        let rows = analysis.rows.filter { $0.kind == .sessionPhase && $0.outcome == "all" }
        let lines = rows.enumerated().map { index, row in
            "\(index) \"\(row.label)\" " + String(format: "%.3f %.3f", Double(row.statistics.p50) / 1000,
                Double(row.statistics.p99) / 1000) + " \(row.statistics.count)"
        }
        return "# index phase p50_ms p99_ms count\n" + (lines.isEmpty ? "0 \"none\" 0 0 0" : lines.joined(separator: "\n")) + "\n"
    }

    static func script(_ name: String, commands: [String]) -> String {
        let output = """
        do for [format in "png svg"] {
          if (format eq "png") { set terminal pngcairo size 1000,600 } else { set terminal svg size 1000,600 dynamic }
          set output "\(name)." . format
          %PLOT%
        }
        """
        let blocks = commands.indices.map { ($0, commands[$0].replacingOccurrences(of: "\"", with: "'")) }
        let plot: String
        switch name {
        case "throughput":
            plot = "set title 'Throughput'; set xlabel 'time (s)'; set ylabel 'commands/s'; plot " + blocks.map { "'timeseries.dat' index \($0.0) using 1:2 with lines title \"\($0.1)\"" }.joined(separator: ", ")
        case "latency":
            plot = "set title 'Response time p50 and p99'; set xlabel 'time (s)'; set ylabel 'ms'; set logscale y; plot " + blocks.map { "'timeseries.dat' index \($0.0) using 1:3 with lines title \"\($0.1) p50\", '' index \($0.0) using 1:4 with lines title \"\($0.1) p99\"" }.joined(separator: ", ")
        case "spectrum":
            plot = "set title 'Response-time percentile spectrum'; set xlabel 'percentile'; set ylabel 'ms'; set logscale y; set xtics ('0%%' 0, '90%%' 1, '99%%' 2, '99.9%%' 3, '99.99%%' 4, '99.999%%' 5); plot " + blocks.map { "'spectrum.dat' index \($0.0) using 1:2 with lines title \"\($0.1)\"" }.joined(separator: ", ")
        case "phases":
            plot = "set title 'Session phases'; set ylabel 'ms'; set style data histograms; set style fill solid; plot 'phases.dat' using 3:xtic(2) title 'p50', '' using 4 title 'p99'"
        default:
            plot = "set title 'Errors'; set xlabel 'time (s)'; set ylabel 'errors/s'; plot " + blocks.map { "'timeseries.dat' index \($0.0) using 1:5 with lines title \"\($0.1)\"" }.joined(separator: ", ")
        }
        return "# imapbench plot; run `gnuplot \(name).gp` in this directory\n" + output.replacingOccurrences(of: "%PLOT%", with: plot) + "\n"
    }

    /// Runs gnuplot on a script; false when gnuplot is missing or fails.
    static func run(script: String, in directory: URL) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gnuplot", script]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }
}
