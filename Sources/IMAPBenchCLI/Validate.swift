import ArgumentParser
import Foundation
import Measurement
import Workload

/// `imapbench validate FILE...`: checks profiles without running them.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check profile files without running them.",
        discussion: """
            Prints `OK FILE` for each valid profile and `file:line:column: message` for every problem \
            of a file (not only the first), thresholds included: their syntax, units (latencies \
            us/ms/s, rates /s, error rates %) and subjects (an operation of the profile, an IMAP \
            command, commands, errors, phase:NAME or outcome:NAME). Exits 1 when any file is invalid. Built-in names (see `imapbench profiles`) are accepted too.

            Example: imapbench validate Profiles/webmail.yaml my-profile.yaml
            """)

    @Argument(help: "Profile files (YAML) or built-in profile names.")
    var files: [String]

    func run() throws {
        var failed = 0
        for file in files {
            let path = ProfileLoader.builtinPath(named: file) ?? file
            let problems = Self.problems(path: path)
            if problems.errors.isEmpty, let profile = problems.profile {
                print("OK \(file): \(profile.operations.count) operations, \(profile.load.model.rawValue) model")
            } else {
                failed += 1
                for error in problems.errors { printError(error.description) }
            }
        }
        if failed > 0 { throw ExitCode(ExitCodes.failure) }
    }

    /// Every problem of one file: the profile's own, its thresholds', and files it names that
    /// cannot be read, in the order of the file.
    static func problems(path: String) -> ProfileCheck {
        var check = ProfileLoader.check(path: path)
        guard let profile = check.profile else { return check }
        for (index, message) in ThresholdCheck.problems(profile.thresholds, profile: profile) {
            check.errors.append(check.thresholdError(index, "thresholds: \(message)"))
        }
        if let problem = missingFile(profile) {
            check.errors.append(ProfileError(file: path, line: 0, column: 0, message: problem))
        }
        check.errors.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return check
    }

    /// A file the profile names that cannot be read, so `run` would stop on it after starting.
    static func missingFile(_ profile: Profile) -> String? {
        let named = [
            ("users.file", profile.users.file), ("users.password_file", profile.users.passwordFile),
            ("populate.mbox", profile.populate?.mbox),
        ]
        for case (let key, let path?) in named where !FileManager.default.isReadableFile(atPath: path) {
            return "\(key): cannot read '\(path)'"
        }
        return nil
    }
}
