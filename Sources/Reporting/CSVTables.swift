import Foundation
import Measurement

/// The CSV files of a run directory; columns are documented in Results/README.md.
public enum CSVTables {
    public static let summaryHeader =
        "command,outcome,count,rate_per_s,min_us,mean_us,p50_us,p90_us,p99_us,p99_9_us,p99_99_us,max_us"
    public static let timeseriesHeader = "t_s,command,count,errors,p50_us,p99_us,max_us,sessions,length_s,phase"
    public static let percentilesHeader = "command,percentile,value_us,count_at_or_below,nines"

    /// summary.csv: one row per command and outcome plus "all", operation, service, send-lag,
    /// session-phase, run-phase and generator rows. Count includes out-of-range values.
    public static func summary(_ analysis: RunAnalysis) -> String {
        var file = CSVWriter(headerLine: summaryHeader)
        for row in analysis.rows {
            let stats = row.statistics
            file.append([
                row.label, row.outcome, "\(stats.count + row.outOfRange)", decimal(row.ratePerSecond), "\(stats.min)",
                decimal(stats.mean), "\(stats.p50)", "\(stats.p90)", "\(stats.p99)", "\(stats.p99_9)",
                "\(stats.p99_99)", "\(stats.max)",
            ])
        }
        targetRows(TargetAttainment(analysis)).forEach { file.append($0) }
        return file.text
    }

    /// The load asked for against the load reached: `target:sessions` (target, reached) with the
    /// session count in `count`; `target:rate` (offered, achieved) with commands/s in `rate_per_s`.
    static func targetRows(_ targets: TargetAttainment) -> [[String]] {
        let empty = Array(repeating: "", count: 8)
        var rows: [[String]] = []
        if let target = targets.targetSessions {
            rows.append(["target:sessions", "target", "\(target)", ""] + empty)
            rows.append(["target:sessions", "reached", "\(targets.reachedSessions)", ""] + empty)
        }
        if let offered = targets.offeredRate {
            rows.append(["target:rate", "offered", "", decimal(offered)] + empty)
            rows.append(["target:rate", "achieved", "", decimal(targets.achievedRate)] + empty)
        }
        if let depth = targets.pipelineDepth, let mean = targets.meanInFlight {
            rows.append(["target:pipeline", "depth", "\(depth)", ""] + empty)
            rows.append(["target:pipeline", "mean_in_flight", "", decimal(mean)] + empty)
        }
        return rows
    }

    /// timeseries.csv: per interval (all phases, t_s = interval start) and command kind, all
    /// outcomes; command "all" sums every command. `length_s` is the interval's real length, so a
    /// rate is count / length_s also for a partial interval; `phase` tells the drain apart.
    public static func timeseries(_ result: RunResult) -> String {
        var file = CSVWriter(headerLine: timeseriesHeader)
        for interval in result.intervals {
            let responses = interval.histograms.filter { $0.key.group == .command && $0.key.metric == .response }
            var byCommand: [String: (SparseHistogram, UInt64)] = [:]
            for (key, histogram) in responses {
                for name in [key.name, "all"] {
                    byCommand[name, default: (SparseHistogram(), 0)].0.add(histogram)
                    if !key.outcome.isSuccess {
                        byCommand[name, default: (SparseHistogram(), 0)].1 += histogram.totalCount
                    }
                }
            }
            if byCommand.isEmpty { byCommand["all"] = (SparseHistogram(), 0) }
            for (name, (histogram, errors)) in byCommand.sorted(by: { $0.key < $1.key }) {
                let values = histogram.values(atPercentiles: [50, 99])
                file.append([
                    decimal(interval.startOffset), name, "\(histogram.totalCount)", "\(errors)",
                    "\(values[0])", "\(values[1])", "\(histogram.maxValue)", "\(interval.sessions)",
                    decimal(interval.length), interval.phase.rawValue,
                ])
            }
        }
        return file.text
    }

    /// The percentile levels of the spectrum: 0, 50, 75, 87.5... halving the distance to 100%.
    public static let spectrumLevels: [Double] = {
        var levels: [Double] = []
        var remaining = 100.0
        for _ in 0..<24 {
            levels += [100 - remaining, 100 - remaining * 3 / 4]
            remaining /= 2
        }
        return levels + [100]
    }()

    /// percentiles.csv: the all-outcomes response-time spectrum of each command kind.
    public static func percentiles(_ analysis: RunAnalysis) -> String {
        var file = CSVWriter(headerLine: percentilesHeader)
        for command in analysis.commandNames {
            let histogram = analysis.histogram(where: {
                $0.group == .command && $0.metric == .response && $0.name == command
            })
            for (level, value) in spectrum(histogram) {
                let countBelow = UInt64((level / 100 * Double(histogram.totalCount)).rounded(.up))
                let nines = level < 100 ? -log10(1 - level / 100) : -log10(1 / Double(max(1, histogram.totalCount)))
                file.append([
                    command, decimal(level, places: 6), "\(value)", "\(countBelow)", decimal(nines, places: 4),
                ])
            }
        }
        return file.text
    }

    /// Percentile levels worth showing for a histogram (stopping where samples run out).
    public static func spectrum(_ histogram: SparseHistogram) -> [(Double, UInt64)] {
        guard histogram.totalCount > 0 else { return [] }
        let resolvable = spectrumLevels.filter {
            LatencyStatistics.resolves(percentile: $0, samples: histogram.totalCount)
        }
        return Array(zip(resolvable, histogram.values(atPercentiles: resolvable)))
    }

    static func decimal(_ value: Double, places: Int = 3) -> String { String(format: "%.\(places)f", value) }
}
