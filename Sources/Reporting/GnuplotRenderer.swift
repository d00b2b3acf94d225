import Foundation
import Measurement

/// Writes gnuplot data and scripts under plots/ and renders them to PNG and SVG.
///
/// The .dat and .gp files are kept so a user can restyle a plot and re-run `gnuplot NAME.gp`.
/// When gnuplot is missing the run still succeeds; plots/README.txt and report.html say how to
/// render later, and the run prints it once.
public enum GnuplotRenderer {
    /// Plot names; each has NAME.gp, NAME.png and NAME.svg.
    public static let plotNames = ["throughput", "latency", "spectrum", "errors", "phases"]

    /// What came of rendering: nil note when every plot was drawn.
    public struct Rendering: Sendable, Equatable {
        /// One sentence for a person when plots were not drawn (gnuplot missing or failing).
        public var note: String?
        public var rendered: Bool { note == nil }
    }

    /// Writes data and scripts into `directory`, then runs gnuplot once per plot.
    @discardableResult
    public static func write(_ result: RunResult, to directory: URL) throws -> Rendering {
        let analysis = RunAnalysis(result)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let series = PlotSeries(analysis)
        let outcomes = errorOutcomes(result)
        let spectrum = spectrumData(analysis, series)
        try save(timeseriesData(result, series), directory, "timeseries.dat")
        try save(errorsData(result, outcomes: outcomes), directory, "errors.dat")
        try save(spectrum.text, directory, "spectrum.dat")
        try save(phasesData(analysis), directory, "phases.dat")
        let context = PlotContext(
            runID: result.configuration.runID, series: series, spans: PhaseSpan.spans(result),
            errorOutcomes: outcomes, spectrumTopNines: spectrum.topNines)
        for name in plotNames {
            try save(script(name, context), directory, "\(name).gp")
        }
        let failures = GnuplotRunner.render(scripts: plotNames.map { "\($0).gp" }, in: directory)
        let rendering = Rendering(note: failures.isEmpty ? nil : failures.joined(separator: "; "))
        try save(readme(rendering), directory, "README.txt")
        return rendering
    }

    /// The sentence a run prints (once) and report.html shows when the plots were not drawn.
    public static func missingPlotsNote(_ rendering: Rendering, runDirectory: String) -> String? {
        guard let note = rendering.note else { return nil }
        return
            "plots not rendered (\(note)); after installing gnuplot, `imapbench report \(runDirectory)` renders them and report.html again"
    }

    static func readme(_ rendering: Rendering) -> String {
        guard let note = rendering.note else {
            return "Plots rendered by gnuplot. Edit a NAME.gp and run `gnuplot NAME.gp` here to restyle it.\n"
        }
        return
            "Plots were not rendered: \(note).\n\(GnuplotRunner.installHint.prefix(1).uppercased() + GnuplotRunner.installHint.dropFirst()), "
            + "then run `imapbench report RUN_DIR` (renders the plots and report.html), or "
            + "`for f in *.gp; do gnuplot \"$f\"; done` in this directory.\n"
    }

    private static func save(_ text: String, _ directory: URL, _ name: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}
