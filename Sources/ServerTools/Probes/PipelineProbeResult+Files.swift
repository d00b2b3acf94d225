import Foundation
import Measurement

extension PipelineProbeResult {
    /// pipeline.csv: one row per depth and command, plus an `ALL` row per depth.
    public var csv: String {
        var file = CSVWriter(
            headerLine:
                "depth,sessions,command,count,rate_per_s,p50_us,p99_us,errors,lost,bursts,mean_burst_size,out_of_order_bursts,growth_per_position_us"
        )
        for depth in depths {
            for stats in depth.perCommand {
                let rate =
                    depth.measuredSeconds > 0
                    ? Double(stats.count - stats.errors - stats.lost) / depth.measuredSeconds : 0
                let fields = [
                    String(depth.depth), String(depth.sessions), stats.command, String(stats.count),
                    String(format: "%.1f", stats.command == "ALL" ? depth.throughputPerSecond : rate),
                    stats.p50Micros.map { String(format: "%.1f", $0) } ?? "",
                    stats.p99Micros.map { String(format: "%.1f", $0) } ?? "",
                    String(stats.errors), String(stats.lost), String(depth.bursts),
                    String(format: "%.2f", depth.meanBurstSize), String(depth.outOfOrderBursts),
                    String(format: "%.2f", depth.growthPerPositionMicros),
                ]
                file.append(fields)
            }
        }
        return file.text
    }

    /// Writes pipeline.csv, run.json and the plots into `path`; returns the directory and a note
    /// when gnuplot could not render.
    public func write(to path: String, force: Bool = false) throws -> (directory: URL, plotNote: String?) {
        let directory = try ProbeOutputDirectory(path: path, force: force)
        try directory.write(csv, to: "pipeline.csv")
        try directory.writeJSON(self, to: "run.json")
        try directory.write("verdict: \(verdict.line)\n", to: "verdict.txt")
        try directory.write(depthData, to: "depths.dat")
        try directory.write(positionData, to: "positions.dat")
        try directory.write(plotScript, to: "pipeline.gp")
        let note = directory.renderPlot(script: "pipeline.gp")
        return (try directory.commit(), note)
    }

    /// `depth throughput p50_us p99_us` per depth.
    var depthData: String {
        var text = "# depth throughput_per_s p50_us p99_us\n"
        for depth in depths {
            let all = depth.all
            text +=
                "\(depth.depth) \(String(format: "%.1f", depth.throughputPerSecond)) "
                + "\(all?.p50Micros.map { String(format: "%.1f", $0) } ?? "NaN") \(all?.p99Micros.map { String(format: "%.1f", $0) } ?? "NaN")\n"
        }
        return text
    }

    /// One block per depth: `position median_us`, for the k-th-in-burst plot.
    var positionData: String {
        depths.map { depth in
            "# depth \(depth.depth)\n"
                + depth.medianByPositionMicros.enumerated()
                .map { "\($0.offset + 1) \(String(format: "%.1f", $0.element))" }.joined(separator: "\n")
        }.joined(separator: "\n\n\n") + "\n"
    }

    var plotScript: String {
        let titles = depths.map { "'depth \($0.depth)'" }.joined(separator: " ")
        return """
            # Plots of `imapbench probe pipeline`; re-render with: gnuplot pipeline.gp
            set grid
            set key top left
            set logscale x 2
            set xlabel 'pipeline depth'
            do for [format in 'pngcairo svg'] {
                ext = (format eq 'svg') ? 'svg' : 'png'
                if (format eq 'svg') { set terminal svg size 800,450 dynamic } else { set terminal pngcairo size 800,450 }
                set output 'throughput.'.ext
                set title 'Throughput vs pipeline depth (\(settings.sessions) sessions)'
                set ylabel 'commands per second'
                set yrange [0:*]
                unset logscale y
                plot 'depths.dat' using 1:2 with linespoints lw 2 pt 7 title 'completed commands/s'
                set output 'latency.'.ext
                set title 'Latency vs pipeline depth (from burst start)'
                set ylabel 'microseconds'
                set logscale y
                set yrange [*:*]
                plot 'depths.dat' using 1:3 with linespoints lw 2 pt 7 title 'p50', '' using 1:4 with linespoints lw 2 pt 5 title 'p99'
                set output 'position.'.ext
                set title 'Median latency of the k-th command in a burst'
                set xlabel 'position k in the burst'
                unset logscale x
                unset logscale y
                set yrange [0:*]
                array titles[\(depths.count)] = [\(titles.replacingOccurrences(of: "' '", with: "', '"))]
                plot for [i=0:\(max(0, depths.count - 1))] 'positions.dat' index i using 1:2 with linespoints title titles[i+1]
                set xlabel 'pipeline depth'
                set logscale x 2
            }

            """
    }
}
