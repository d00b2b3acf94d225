import Foundation
import Measurement

/// The overlaid plots of `imapbench compare`, written under plots/ the way `GnuplotRenderer`
/// writes a run's: .dat data and .gp scripts kept, PNG (pngcairo) and SVG rendered by gnuplot.
///
/// - throughput: commands per second per interval (all commands) of every run, over time.
/// - spectrum-all: the response-time percentile spectrum of all commands, every run overlaid on a
///   log "nines" axis (0, 90, 99, 99.9...).
/// - spectrum-N-NAME: the same per command kind, so ten commands stay readable.
enum ComparisonPlots {
    /// The plots written, in display order (file names without extension), and whether gnuplot
    /// rendered all of them.
    struct Written {
        var names: [String]
        var titles: [String]
        var directory: URL
        var rendered: Bool
    }

    static let missingGnuplotNote =
        "gnuplot was not available or failed: install gnuplot (Debian: apt-get install gnuplot-nox) "
        + "and run `for f in *.gp; do gnuplot \"$f\"; done` in the plots directory, then rerun compare to embed the SVGs.\n"

    static func write(_ analyses: [RunAnalysis], labels: [String], to directory: URL) throws -> Written {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let commands = Set(analyses.flatMap(\.commandNames)).sorted()
        let spectra = (["all"] + commands).map { command in analyses.map { spectrum(command, $0) } }
        try spectrumData(spectra, commands: ["all"] + commands, labels: labels).write(
            to: directory.appendingPathComponent("spectrum.dat"), atomically: true, encoding: .utf8)
        try throughputData(analyses, labels: labels).write(
            to: directory.appendingPathComponent("throughput.dat"), atomically: true, encoding: .utf8)

        var scripts = [("throughput", "Throughput, all commands", throughputPlot(labels))]
        for (commandIndex, command) in (["all"] + commands).enumerated() {
            let name = commandIndex == 0 ? "spectrum-all" : "spectrum-\(commandIndex)-\(slug(command))"
            let title =
                commandIndex == 0
                ? "Response-time percentiles, all commands" : "Response-time percentiles, \(latin(command))"
            scripts.append(
                (name, title, spectrumPlot(spectra[commandIndex], block: commandIndex * analyses.count, labels: labels))
            )
        }
        for (name, title, plot) in scripts {
            try script(name, title: title, plot: plot).write(
                to: directory.appendingPathComponent("\(name).gp"), atomically: true, encoding: .utf8)
        }
        let rendered = GnuplotRunner.render(scripts: scripts.map { "\($0.0).gp" }, in: directory).isEmpty
        let note =
            rendered
            ? "Plots rendered by gnuplot. Edit a NAME.gp and run `gnuplot NAME.gp` here to restyle it.\n"
            : missingGnuplotNote
        try note.write(to: directory.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        return Written(names: scripts.map(\.0), titles: scripts.map(\.1), directory: directory, rendered: rendered)
    }

    /// Points (nines = -log10(1 - p), ms, percentile) of one command ("all": every command) in one run.
    static func spectrum(_ command: String, _ analysis: RunAnalysis) -> [(nines: Double, millis: Double, level: Double)]
    {
        let histogram = analysis.histogram(where: {
            $0.group == .command && $0.metric == .response && (command == "all" || $0.name == command)
        })
        return CSVTables.spectrum(histogram).filter { $0.0 < 100 }.map {
            (-log10(1 - $0.0 / 100), Double($0.1) / 1000, $0.0)
        }
    }

    /// One block per command ("all" first) and run: block index = command index * runs + run index.
    static func spectrumData(
        _ spectra: [[[(nines: Double, millis: Double, level: Double)]]], commands: [String], labels: [String]
    ) -> String {
        var blocks: [String] = []
        for (commandIndex, perRun) in spectra.enumerated() {
            for (runIndex, points) in perRun.enumerated() {
                let lines = points.map { String(format: "%.4f %.3f %.6f", $0.nines, $0.millis, $0.level) }
                blocks.append(
                    "# \(latin(commands[commandIndex])) | \(latin(labels[runIndex]))\n# nines ms percentile\n"
                        + (lines.isEmpty ? "0 0 0" : lines.joined(separator: "\n")))
            }
        }
        return blocks.joined(separator: "\n\n\n") + "\n"
    }

    /// One block per run: interval start (s since that run's start) and commands/s, all commands;
    /// a last point at the end of the last interval repeats its rate so steps cover every interval.
    /// The drain is left out (`RunResult.loadIntervals`): its burst of completions is not load.
    static func throughputData(_ analyses: [RunAnalysis], labels: [String]) -> String {
        zip(analyses, labels).map { analysis, label in
            let intervals = analysis.result.loadIntervals
            var lines = intervals.map { interval in
                let count = interval.histograms.filter { $0.key.group == .command && $0.key.metric == .response }
                    .reduce(UInt64(0)) { $0 + $1.value.totalCount }
                return String(format: "%.3f %.3f", interval.startOffset, Double(count) / max(interval.length, 1e-9))
            }
            if let last = intervals.last, let rate = lines.last?.split(separator: " ").last {
                lines.append(String(format: "%.3f ", last.endOffset) + rate)
            }
            return "# \(latin(label))\n# t_s commands_per_s\n" + (lines.isEmpty ? "0 0" : lines.joined(separator: "\n"))
        }.joined(separator: "\n\n\n") + "\n"
    }

    static func throughputPlot(_ labels: [String]) -> String {
        "set xlabel 'time since run start (s)'; set ylabel 'commands/s'; set yrange [0:*]; set offsets 0, 0, graph 0.1, 0; "
            + "set key bottom right; set grid; plot "
            + labels.enumerated().map {
                "'throughput.dat' index \($0.offset) using 1:2 with steps lw 2 title \(quoted($0.element))"
            }.joined(separator: ", ")
    }

    /// Runs without samples of the command are left out of its plot (their block is a placeholder).
    static func spectrumPlot(
        _ perRun: [[(nines: Double, millis: Double, level: Double)]], block: Int, labels: [String]
    ) -> String {
        let maximum = perRun.flatMap { $0.map(\.nines) }.max() ?? 1
        let top = max(1, Int(maximum.rounded(.up)))
        let clauses = perRun.indices.filter { !perRun[$0].isEmpty }.map {
            "'spectrum.dat' index \(block + $0) using 1:2 with lines lw 2 title \(quoted(labels[$0]))"
        }
        return
            "set xlabel 'percentile'; set ylabel 'response time (ms)'; set logscale y; set xrange [0:\(top)]; set key top left; "
            + GnuplotScript.ninesTics(upTo: Double(top)) + "; set grid; plot "
            + (clauses.isEmpty ? "NaN notitle" : clauses.joined(separator: ", "))
    }

    static func script(_ name: String, title: String, plot: String) -> String {
        GnuplotScript.frame(name, title: title, plot: plot, kind: "compare plot")
    }

    static func quoted(_ text: String) -> String { GnuplotScript.quoted(text) }

    static func latin(_ text: String) -> String { GnuplotScript.latin(text) }

    /// A file-name fragment: lower-case letters, digits and dashes.
    static func slug(_ text: String) -> String {
        let mapped = text.lowercased().unicodeScalars.map {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-"
        }
        let collapsed = String(mapped).split(separator: "-").joined(separator: "-")
        return collapsed.isEmpty ? "command" : String(collapsed.prefix(40))
    }
}
