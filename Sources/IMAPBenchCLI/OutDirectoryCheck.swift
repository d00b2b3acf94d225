import ArgumentParser
import Foundation
import Measurement

/// The `--out` rule every command that writes results shares: imapbench never deletes a file it
/// did not write. An earlier result is updated; another non-empty directory needs `--force`.
enum OutDirectoryCheck {
    static let forceHelp = ArgumentHelp(
        "Write into an --out directory that is not an earlier imapbench result: its files are kept, files of the same name replaced."
    )

    /// Refuses `directory` before anything runs, so that a refused `--out` costs no run.
    static func check(_ directory: URL, place: ResultDirectory) throws {
        do {
            try place.check(directory)
        } catch {
            throw CLIError("--out \(error)")
        }
    }
}
