import Foundation
import Measurement

/// Writes a complete run directory atomically: into a temporary sibling, then renamed.
public enum RunDirectoryWriter {
    /// Writes run.json, summary.csv, timeseries.csv, percentiles.csv, latency.hlog, plots/ and
    /// report.html. An existing directory at `directory` is replaced.
    public static func write(_ result: RunResult, to directory: URL) throws {
        let manager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            try writeFiles(result, into: temporary)
            if manager.fileExists(atPath: directory.path) { try manager.removeItem(at: directory) }
            try manager.moveItem(at: temporary, to: directory)
        } catch {
            try? manager.removeItem(at: temporary)
            throw ReportingError.cannotWrite(path: directory.path, reason: "\(error)")
        }
    }

    static func writeFiles(_ result: RunResult, into directory: URL) throws {
        let document = RunDocument(result)
        let analysis = RunAnalysis(result)
        try RunDocument.encoder().encode(document).write(to: directory.appendingPathComponent("run.json"))
        try text(CSVTables.summary(analysis), directory, "summary.csv")
        try text(CSVTables.timeseries(result), directory, "timeseries.csv")
        try text(CSVTables.percentiles(analysis), directory, "percentiles.csv")
        try text(try histogramLog(result).render(), directory, "latency.hlog")
        let plots = directory.appendingPathComponent("plots")
        try GnuplotRenderer.write(result, to: plots)
        try text(HTMLReport.render(document, plotsDirectory: plots), directory, "report.html")
    }

    /// The interval log: one line per interval and series, start times relative to run start.
    public static func histogramLog(_ result: RunResult) -> HistogramLog {
        var entries: [HistogramLog.Entry] = []
        for interval in result.intervals {
            for (key, histogram) in interval.histograms.sorted(by: { $0.key < $1.key }) {
                entries.append(.init(tag: key.tag, start: interval.startOffset, length: interval.length, histogram: histogram))
            }
        }
        let start = result.startWall.timeIntervalSince1970
        return HistogramLog(startTime: start, baseTime: start, entries: entries)
    }

    private static func text(_ content: String, _ directory: URL, _ name: String) throws {
        try content.write(to: directory.appendingPathComponent(name), atomically: false, encoding: .utf8)
    }
}
