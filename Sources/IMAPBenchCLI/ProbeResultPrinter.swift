import Foundation

/// The end of every probe command: write its files, print its summary and where the files are,
/// and say how to render the plots when gnuplot could not.
enum ProbeResultPrinter {
    static func write(
        summary: String, to path: String, using write: (String) throws -> (directory: URL, plotNote: String?)
    ) throws {
        let written = try write(path)
        print(summary)
        print("results: \(written.directory.path)")
        if let note = written.plotNote { printError("note: \(note)") }
    }
}
