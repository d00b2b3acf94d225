import Foundation
import Measurement

extension GnuplotRenderer {
    /// What every script of one run shares: its title suffix, phases and series.
    struct PlotContext {
        var runID: String
        var series: PlotSeries
        var spans: [PhaseSpan]
        var errorOutcomes: [String]
        var spectrumTopNines: Double

        var end: Double { spans.last?.to ?? 1 }
        var timeAxis: String {
            "set xlabel 'time since run start (s)'; set xrange [0:\(String(format: "%.3f", max(end, 0.001)))]; set grid; "
                + PhaseSpan.commands(spans)
        }
        func title(_ text: String) -> String { "\(text), run \(runID)" }
    }

    /// The script of one plot (see `plotNames`).
    static func script(_ name: String, _ context: PlotContext) -> String {
        switch name {
        case "throughput": return throughputScript(context)
        case "latency": return latencyScript(context)
        case "spectrum": return spectrumScript(context)
        case "phases": return phasesScript(context)
        default: return errorsScript(context)
        }
    }

    /// Commands/s per interval, one line per series, the legend outside the frame.
    static func throughputScript(_ context: PlotContext) -> String {
        let lines = context.series.names.enumerated().map { index, name in
            "'timeseries.dat' index \(index) using 1:2 with lines lw \(name == "all" ? 3 : 2) lc rgb '\(context.series.colour(name))' title \(GnuplotScript.quoted(name))"
        }
        let plot =
            context.timeAxis + "set ylabel 'commands/s'; set yrange [0:*]; set offsets 0, 0, graph 0.12, 0; "
            + "set key outside right top vertical; plot " + lines.joined(separator: ", ")
        return GnuplotScript.frame(
            "throughput", title: context.title("Throughput per interval, all outcomes" + context.series.caption),
            plot: plot)
    }

    /// One panel per series (p50 and p99 per interval), so ten command kinds stay readable; the
    /// phases are shaded but not named, a panel being too narrow for the words.
    static func latencyScript(_ context: PlotContext) -> String {
        let names = context.series.names
        let columns = min(3, names.count)
        let rows = (names.count + columns - 1) / columns
        let panels = names.enumerated().map { index, name in
            "set title \(GnuplotScript.quoted(name)); plot 'timeseries.dat' index \(index) using 1:3 with lines lw 2 lc rgb '\(GnuplotScript.palette[0])' notitle, "
                + "'' index \(index) using 1:4 with lines lw 2 lc rgb '\(GnuplotScript.palette[2])' notitle"
        }
        let title = context.title("Response time per interval in ms: p50 (blue), p99 (red)")
        let plot =
            "set multiplot layout \(rows),\(columns) title \(GnuplotScript.quoted(title)); unset key; "
            + context.timeAxis
            + "unset label; set xlabel ''; set ylabel 'ms'; set yrange [0:*]; set offsets 0, 0, graph 0.15, 0; "
            + panels.joined(separator: "; ") + "; unset multiplot"
        return GnuplotScript.frame("latency", title: "", plot: plot, height: max(300, 260 * rows))
    }

    /// Percentile spectra on a nines axis that ends where the longest curve does: at its maximum.
    static func spectrumScript(_ context: PlotContext) -> String {
        let lines = context.series.names.enumerated().map { index, name in
            "'spectrum.dat' index \(index) using 1:2 with lines lw \(name == "all" ? 3 : 2) lc rgb '\(context.series.colour(name))' title \(GnuplotScript.quoted(name))"
        }
        let top = String(format: "%.4f", context.spectrumTopNines)
        let plot =
            "set xlabel 'percentile (the last point of each curve is its maximum)'; set ylabel 'response time (ms)'; set logscale y; "
            + "set xrange [0:\(top)]; \(GnuplotScript.ninesTics(upTo: context.spectrumTopNines)); set grid; "
            + "set key outside right top vertical; plot " + lines.joined(separator: ", ")
        return GnuplotScript.frame(
            "spectrum",
            title: context.title("Response-time percentile spectrum, all outcomes" + context.series.caption), plot: plot
        )
    }

    /// Errors per second by outcome; a run without errors says so instead of drawing an empty axis.
    static func errorsScript(_ context: PlotContext) -> String {
        let plot: String
        if context.errorOutcomes.isEmpty {
            plot =
                context.timeAxis + "set ylabel 'errors/s'; set yrange [0:1]; set ytics (0); "
                + "set label 1 'no errors in this run' at graph 0.5, graph 0.5 center font ',14'; plot NaN notitle"
        } else {
            let lines = context.errorOutcomes.enumerated().map { index, outcome in
                "'errors.dat' index \(index) using 1:2 with lines lw 2 lc rgb '\(GnuplotScript.palette[(index + 2) % GnuplotScript.palette.count])' title \(GnuplotScript.quoted(outcome))"
            }
            plot =
                context.timeAxis + "set ylabel 'errors/s'; set yrange [0:*]; set offsets 0, 0, graph 0.12, 0; "
                + "set key outside right top vertical title 'outcome'; plot " + lines.joined(separator: ", ")
        }
        return GnuplotScript.frame(
            "errors", title: context.title("Errors per second by outcome, all commands"), plot: plot)
    }

    /// Session phase durations (connect, greeting, login, select...), p50 beside p99.
    static func phasesScript(_ context: PlotContext) -> String {
        let plot =
            "set ylabel 'ms'; set yrange [0:*]; set style data histograms; set style histogram clustered gap 1; "
            + "set style fill solid 0.9 noborder; set grid ytics; set key outside right top vertical; "
            + "plot 'phases.dat' using 3:xtic(2) lc rgb '\(GnuplotScript.palette[0])' title 'p50', '' using 4 lc rgb '\(GnuplotScript.palette[2])' title 'p99'"
        return GnuplotScript.frame("phases", title: context.title("Session phases (whole run)"), plot: plot)
    }
}
