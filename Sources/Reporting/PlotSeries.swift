import Foundation
import Measurement

/// The series a run's plots draw: "all", then the busiest command kinds, then the rest summed as
/// "other N". At most `GnuplotScript.palette.count` command kinds get their own series, so
/// colours never repeat; a run of 14 kinds stays readable.
struct PlotSeries: Equatable {
    /// Series names in display order ("all" first).
    var names: [String]
    /// The command kinds summed into the "other" series (empty: no such series).
    var others: [String]

    static let otherPrefix = "other"

    /// The busiest kinds by all-outcome count over the measured window; ties by name.
    init(_ analysis: RunAnalysis, limit: Int = GnuplotScript.palette.count) {
        let ranked: [String] = analysis.commandNames.sorted { left, right in
            let leftCount = Self.count(left, analysis)
            let rightCount = Self.count(right, analysis)
            return leftCount != rightCount ? leftCount > rightCount : left < right
        }
        let fits = ranked.count <= limit
        let own = Array(ranked.prefix(fits ? limit : limit - 1))
        others = fits ? [] : Array(ranked.dropFirst(limit - 1)).sorted()
        names = ["all"] + own + (others.isEmpty ? [] : ["\(Self.otherPrefix) \(others.count)"])
    }

    private static func count(_ command: String, _ analysis: RunAnalysis) -> UInt64 {
        guard let row = analysis.allRow(command: command) else { return 0 }
        return row.statistics.count + row.outOfRange
    }

    /// The series a command kind's samples are drawn in, besides "all".
    func series(of command: String) -> String? {
        if names.contains(command) { return command }
        return others.contains(command) ? names.last : nil
    }

    /// Whether a series' samples include a command kind.
    func includes(_ series: String, _ command: String) -> Bool {
        series == "all" || self.series(of: command) == series
    }

    /// A series' line colour: black for "all", grey for "other", else its own palette entry.
    func colour(_ series: String) -> String {
        if series == "all" { return GnuplotScript.allColour }
        if !others.isEmpty && series == names.last { return GnuplotScript.otherColour }
        let index = (names.firstIndex(of: series) ?? 1) - 1
        return GnuplotScript.palette[index % GnuplotScript.palette.count]
    }

    /// Title words saying what was left to "other", if anything.
    var caption: String {
        others.isEmpty
            ? "" : " (\(names.count - 2) busiest command kinds; \(others.count) more as \"\(names.last ?? "")\")"
    }
}
