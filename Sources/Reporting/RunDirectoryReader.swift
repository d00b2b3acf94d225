import Foundation
import Measurement

/// Reads a run directory back (run.json + latency.hlog) so it can be re-rendered, compared or
/// merged, optionally narrowed to a window of seconds since run start.
public enum RunDirectoryReader {
    public static func read(_ directory: URL, from: Double? = nil, to: Double? = nil) throws -> RunResult {
        let runFile = directory.appendingPathComponent("run.json")
        let logFile = directory.appendingPathComponent("latency.hlog")
        guard let json = try? Data(contentsOf: runFile) else { throw ReportingError.missingFile("run.json") }
        guard let logText = try? String(contentsOf: logFile, encoding: .utf8) else {
            throw ReportingError.missingFile("latency.hlog")
        }
        do {
            let document = try RunDocument.decoder().decode(RunDocument.self, from: json)
            var result = document.run
            result.labelDrainOfOldFile()
            let tags = Dictionary(document.series.map { ($0.tag, $0.key) }, uniquingKeysWith: { first, _ in first })
            let log = try HistogramLog.parse(logText)
            let shift = log.baseTime - result.startWall.timeIntervalSince1970
            for entry in log.entries {
                guard let tag = entry.tag, let key = tags[tag] ?? SeriesKey(tag: tag) else { continue }
                guard let index = interval(of: entry, shift: shift, in: result.intervals) else { continue }
                result.intervals[index].histograms[key, default: SparseHistogram()].add(entry.histogram)
            }
            if from != nil || to != nil {
                result.windowFrom = from
                result.windowTo = to
            }
            return result
        } catch {
            throw ReportingError.unreadableRun(path: directory.path, reason: "\(error)")
        }
    }

    /// The interval an hlog entry belongs to: the nearest start (run.json and the hlog each round
    /// it to a millisecond), then the nearest length, because a merged run's drain starts where
    /// another run's full interval does.
    private static func interval(of entry: HistogramLog.Entry, shift: Double, in intervals: [IntervalRecord]) -> Int? {
        let start = entry.start + shift
        let distance = { (index: Int) in
            (abs(intervals[index].startOffset - start), abs(intervals[index].length - entry.length))
        }
        guard let index = intervals.indices.min(by: { distance($0) < distance($1) }), distance(index).0 < 0.005 else {
            return nil
        }
        return index
    }
}
