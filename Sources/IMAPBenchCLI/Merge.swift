import ArgumentParser
import Foundation
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

    func validate() throws {
        if runs.count < 2 { throw ValidationError("merge needs at least two run directories") }
    }

    func run() throws {
        let results = try runs.map { try RunDirectoryReader.read(URL(fileURLWithPath: $0)) }
        let merged = try RunMerger.merge(results)
        let directory = URL(fileURLWithPath: out)
        try RunDirectoryWriter.write(merged, to: directory)
        print(SummaryTable.render(merged))
        print("Results: \(directory.path)")
    }
}
