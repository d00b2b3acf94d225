import ArgumentParser
import Foundation
import Measurement
import Reporting

/// `imapbench report RUN_DIR`: re-renders every file from run.json and latency.hlog.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-render a run directory's files, optionally for a narrower time window.",
        discussion: """
            Reads run.json and latency.hlog and writes every CSV, the plots and report.html again. \
            With --from/--to (seconds since the run's start) the summary covers only that window, \
            e.g. to exclude a warm-up after the fact; without them, the hold phase the run measured.

            Example: imapbench report Results/20260101T120000Z-webmail --from 30 --to 90
            """)

    @Argument(help: "A run directory written by `imapbench run`.")
    var runDirectory: String

    @Option(help: "Window start, seconds since the run's start.")
    var from: Double?

    @Option(help: "Window end, seconds since the run's start.")
    var to: Double?

    @Option(help: ArgumentHelp("Write into this directory instead of RUN_DIR.", valueName: "dir"))
    var out: String?

    @Flag(help: OutDirectoryCheck.forceHelp)
    var force = false

    func run() throws {
        if let from, let to, from >= to { throw ValidationError("--from must be before --to") }
        let source = URL(fileURLWithPath: runDirectory)
        let target = out.map { URL(fileURLWithPath: $0) } ?? source
        try OutDirectoryCheck.check(target, place: RunDirectoryWriter.place(force: force))
        var result = try RunDirectoryReader.read(source, from: from, to: to)
        if from == nil && to == nil {
            // a window saved by an earlier `report --from/--to` in place does not stick
            result.windowFrom = nil
            result.windowTo = nil
        }
        let analysis = RunAnalysis(result)
        if analysis.measuredSeconds <= 0 {
            let end = result.intervals.map { $0.startOffset + $0.length }.max() ?? 0
            throw CLIError("--from/--to select nothing: the run covers 0 to \(String(format: "%.1f", end)) s")
        }
        let rendering = try RunDirectoryWriter.write(result, to: target, force: force)
        print(SummaryTable.render(result))
        print("Results: \(target.path)")
        GnuplotRenderer.missingPlotsNote(rendering, runDirectory: target.path).map { printError("imapbench: " + $0) }
    }
}
