import Foundation
import Reporting

/// `--summary-json FILE`: the end-of-run summary for scripts (as k6's `--summary-export`).
enum SummaryJSONFile {
    /// Written after the run directory, before the exit code is decided, so a failed threshold
    /// or a Ctrl-C still leaves the file.
    static func write(_ document: RunDocument, to path: String) throws {
        do {
            try RunSummary(document).json().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError("--summary-json \(path): cannot write the summary (\(error.localizedDescription))")
        }
    }
}
