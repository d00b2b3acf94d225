import ArgumentParser
import Foundation
import Measurement
import Reporting

/// `imapbench merge RUN_DIR... --out DIR`: one result from segments run on several machines.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge runs made at the same time on several machines (--segment) into one.",
        discussion: """
            Intervals are aligned on wall-clock time and their histograms added (never averaged); \
            rates use the union of the time windows.

            Example: imapbench merge Results/m1 Results/m2 Results/m3 --out Results/merged
            """)

    @Argument(help: "Run directories to merge.")
    var runs: [String]

    @Option(help: ArgumentHelp("Output directory.", valueName: "dir"))
    var out: String

    @Flag(help: OutDirectoryCheck.forceHelp)
    var force = false

    func validate() throws {
        if runs.count < 2 { throw ValidationError("merge needs at least two run directories") }
        let inputs = runs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if Set(inputs).count != inputs.count {
            throw ValidationError("a run directory is named twice: its commands would count double")
        }
        if inputs.contains(URL(fileURLWithPath: out).standardizedFileURL.path) {
            throw ValidationError("--out is one of the runs: merging would overwrite an input")
        }
    }

    func run() throws {
        let directory = URL(fileURLWithPath: out)
        try OutDirectoryCheck.check(directory, place: RunDirectoryWriter.place(force: force))
        let results = try runs.map { try RunDirectoryReader.read(URL(fileURLWithPath: $0)) }
        for warning in Self.warnings(results) { printError("imapbench merge: warning: \(warning)") }
        let merged = try RunMerger.merge(results)
        try RunDirectoryWriter.write(merged, to: directory, force: force)
        print(SummaryTable.render(merged))
        print("Results: \(directory.path)")
    }

    /// Segments of one test share a profile and overlap in time; anything else is merged as asked,
    /// with a warning, since the sum is then of unrelated runs.
    static func warnings(_ results: [RunResult]) -> [String] {
        var warnings: [String] = []
        if Set(results.map(\.configuration.profileName)).count > 1 {
            warnings.append(
                "the runs used different profiles (\(results.map(\.configuration.profileName).joined(separator: ", ")))"
            )
        }
        let latestStart = results.map(\.startWall).max() ?? Date()
        let earliestEnd = results.map(\.endWall).min() ?? Date()
        if latestStart >= earliestEnd {
            warnings.append("the runs did not overlap in time: --segment slices of one test run at the same time")
        }
        return warnings
    }
}
