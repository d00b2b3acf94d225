import Foundation
import Measurement

/// Writes a complete run directory: into a temporary sibling, then moved into place (`StagedDirectory`).
public enum RunDirectoryWriter {
    /// An earlier run (or probe) holds run.json: such a directory may be written again.
    public static func place(force: Bool = false) -> ResultDirectory {
        ResultDirectory(marker: "run.json", force: force)
    }

    /// Writes run.json, summary.csv, timeseries.csv, percentiles.csv, latency.hlog, plots/ and
    /// report.html. An earlier result at `directory` gets these files replaced and keeps any
    /// other; a directory that is not a result is refused unless `force` (see `ResultDirectory`).
    /// Returns what came of the plots: the caller prints its note once when gnuplot was missing.
    @discardableResult
    public static func write(
        _ result: RunResult, to directory: URL, force: Bool = false
    ) throws -> GnuplotRenderer.Rendering {
        let place = place(force: force)
        try place.check(directory)  // a refused directory is the caller's error as it is, not "cannot write"
        do {
            return try StagedDirectory.writing(directory, place: place) { staged in
                try writeFiles(result, into: staged.stagingURL, finalPath: directory.path)
            }
        } catch {
            throw ReportingError.cannotWrite(path: directory.path, reason: "\(error)")
        }
    }

    static func writeFiles(
        _ result: RunResult, into directory: URL, finalPath: String
    ) throws -> GnuplotRenderer.Rendering {
        let document = RunDocument(result)
        let analysis = RunAnalysis(result)
        try RunDocument.encoder().encode(document).write(to: directory.appendingPathComponent("run.json"))
        try text(CSVTables.summary(analysis), directory, "summary.csv")
        try text(CSVTables.timeseries(result), directory, "timeseries.csv")
        try text(CSVTables.percentiles(analysis), directory, "percentiles.csv")
        if let checks = result.checks { try text(CSVTables.checks(checks), directory, "checks.csv") }
        try text(try histogramLog(result).render(), directory, "latency.hlog")
        let plots = directory.appendingPathComponent("plots")
        let rendering = try GnuplotRenderer.write(result, to: plots)
        let note = GnuplotRenderer.missingPlotsNote(rendering, runDirectory: finalPath)
        try text(HTMLReport.render(document, plotsDirectory: plots, plotsNote: note), directory, "report.html")
        return rendering
    }

    /// The interval log: one line per interval and series, start times relative to run start.
    public static func histogramLog(_ result: RunResult) -> HistogramLog {
        var entries: [HistogramLog.Entry] = []
        for interval in result.intervals {
            for (key, histogram) in interval.histograms.sorted(by: { $0.key < $1.key }) {
                entries.append(
                    .init(tag: key.tag, start: interval.startOffset, length: interval.length, histogram: histogram))
            }
        }
        let start = result.startWall.timeIntervalSince1970
        return HistogramLog(startTime: start, baseTime: start, entries: entries)
    }

    private static func text(_ content: String, _ directory: URL, _ name: String) throws {
        try content.write(to: directory.appendingPathComponent(name), atomically: false, encoding: .utf8)
    }
}
