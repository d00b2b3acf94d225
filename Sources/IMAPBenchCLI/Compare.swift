import ArgumentParser
import Foundation
import Measurement
import Reporting

/// `imapbench compare RUN_A RUN_B...`: how two server versions (or configurations) differ.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare runs per command: throughput, samples and p50/p99/p99.9 with absolute and relative change.",
        discussion: """
            The first run is the baseline. Changes within the run-to-run noise seen in the interval \
            data are marked ~, changes beyond it WORSE or better. A percentile with no sample above \
            it (a p99 needs 100 samples, a p99.9 1000) shows "too few samples". Runs that were \
            limited by the generator, short of their target, interrupted, or ran another profile \
            or load than the baseline are marked !. Writes compare.csv and compare.html into --out.

            Example: imapbench compare Results/A-webmail Results/B-webmail --out Results/compare-A-B
            """)

    @Argument(help: "Two or more run directories; the first is the baseline.")
    var runs: [String]

    @Option(help: ArgumentHelp("Output directory (default Results/compare-<timestamp>).", valueName: "dir"))
    var out: String?

    @Flag(help: OutDirectoryCheck.forceHelp)
    var force = false

    func validate() throws {
        if runs.count < 2 { throw ValidationError("compare needs at least two run directories") }
    }

    func run() throws {
        let directory = URL(fileURLWithPath: out ?? RunRequest.defaultOut(profileName: "compare"))
        // writes its own files in place and deletes nothing; an earlier comparison holds compare.csv
        try OutDirectoryCheck.check(directory, place: RunComparison.place(force: force))
        let results = try runs.map { try RunDirectoryReader.read(URL(fileURLWithPath: $0)) }
        let labels = runs.map { URL(fileURLWithPath: $0).lastPathComponent }
        print(
            try RunComparison.compare(
                results, labels: labels, into: directory, place: RunComparison.place(force: force)))
        print("Comparison: \(directory.path)")
    }
}
