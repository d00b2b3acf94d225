import Foundation
import Measurement

extension TimeoutProbeResult {
    /// timeout.csv: `state,outcome,elapsed_s,detail`, one row per state.
    public var csv: String {
        var file = CSVWriter(header: ["state", "outcome", "elapsed_s", "detail"])
        for finding in findings {
            file.append([
                finding.state.rawValue, finding.outcome.rawValue, String(format: "%.3f", finding.elapsedSeconds),
                finding.detail,
            ])
        }
        return file.text
    }

    /// The summary printed on stdout: one line per state, then the verdicts.
    public var summary: String {
        var lines = ["state               outcome  elapsed   detail"]
        for finding in findings {
            let state = finding.state.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)
            let outcome = finding.outcome.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            let elapsed = TimeoutVerdict.format(finding.elapsedSeconds).padding(
                toLength: 10, withPad: " ", startingAt: 0)
            lines.append(state + outcome + elapsed + finding.detail)
        }
        return (lines + [""] + verdicts).joined(separator: "\n")
    }

    /// Writes timeout.csv, run.json and the timeline plot (data, script, PNG, SVG) into `path`.
    /// Returns the directory and, when gnuplot could not render, a note saying how to.
    public func write(to path: String, force: Bool = false) throws -> (directory: URL, plotNote: String?) {
        let directory = try ProbeOutputDirectory(path: path, force: force)
        try directory.write(csv, to: "timeout.csv")
        try directory.writeJSON(self, to: "run.json")
        try directory.write(timelineData, to: "timeline.dat")
        try directory.write(timelineScript, to: "timeline.gp")
        let note = directory.renderPlot(script: "timeline.gp")
        return (try directory.commit(), note)
    }

    /// `row state elapsed_s outcome colour` for gnuplot.
    var timelineData: String {
        var text = "# row state elapsed_s outcome colour\n"
        for (row, finding) in findings.enumerated() {
            text +=
                "\(row) \(finding.state.rawValue) \(String(format: "%.3f", finding.elapsedSeconds)) "
                + "\(finding.outcome.rawValue) \(Self.colour(finding.outcome))\n"
        }
        return text
    }

    static func colour(_ outcome: TimeoutFinding.Outcome) -> String {
        switch outcome {
        case .bye: return "0xd62728"
        case .close: return "0xff7f0e"
        case .alive: return "0x2ca02c"
        case .error: return "0x7f7f7f"
        }
    }

    var timelineScript: String {
        let rfcLine =
            configuration.maxWaitSeconds >= TimeoutVerdict.rfcMinimumSeconds
            ? "set arrow from \(TimeoutVerdict.rfcMinimumSeconds), graph 0 to \(TimeoutVerdict.rfcMinimumSeconds), graph 1 nohead dt 2 lc rgb 'black'\n"
                + "set label 'RFC 3501 30 min' at \(TimeoutVerdict.rfcMinimumSeconds), graph 1 offset 0.5,-1\n"
            : ""
        return """
            # Session lifetime per state, from `imapbench probe timeout`. Bars end when the server
            # ended the session (red: BYE, orange: silent close) or when the probe stopped (green: alive).
            # Re-render: gnuplot timeline.gp
            set title 'imapbench probe timeout: \(configuration.host):\(configuration.port)'
            set xlabel 'seconds since the session went silent in its state'
            set yrange [-0.6:\(Double(findings.count) - 0.4)]
            set xrange [0:\(String(format: "%.3f", max(1, findings.map(\.elapsedSeconds).max() ?? 1) * 1.3))]
            set grid xtics
            set style fill solid 0.8 border -1
            set key off
            \(rfcLine)
            do for [format in 'pngcairo svg'] {
                if (format eq 'svg') { set terminal svg size 900,360 dynamic; set output 'timeline.svg' } \\
                else { set terminal pngcairo size 900,360; set output 'timeline.png' }
                plot 'timeline.dat' using ($3/2):1:($3/2):(0.3):5:ytic(2) with boxxyerror lc rgb variable, \\
                     '' using 3:1:(sprintf(' %s %.1fs', stringcolumn(4), $3)) with labels left
            }

            """
    }
}
