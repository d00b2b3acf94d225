import ArgumentParser
import Foundation
import Measurement
import Workload

/// `imapbench validate FILE...`: checks profiles without running them.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check profile files without running them.",
        discussion: """
            Prints `OK FILE` for each valid profile and `file:line:column: message` for each problem. \
            Exits 1 when any file is invalid. Built-in names (see `imapbench profiles`) are accepted too.

            Example: imapbench validate Profiles/webmail.yaml my-profile.yaml
            """)

    @Argument(help: "Profile files (YAML) or built-in profile names.")
    var files: [String]

    func run() throws {
        var failed = 0
        for file in files {
            let path = ProfileLoader.builtinPath(named: file) ?? file
            do {
                let profile = try ProfileLoader.load(path: path)
                if let problem = Self.thresholdProblem(profile.thresholds) {
                    failed += 1
                    printError("\(path): thresholds: \(problem)")
                    continue
                }
                if let problem = Self.missingFile(profile) {
                    failed += 1
                    printError("\(path): \(problem)")
                    continue
                }
                print("OK \(file): \(profile.operations.count) operations, \(profile.load.model.rawValue) model")
            } catch {
                failed += 1
                printError(error.description)
            }
        }
        if failed > 0 { throw ExitCode(ExitCodes.failure) }
    }

    /// A file the profile names that cannot be read, so `run` would stop on it after starting.
    static func missingFile(_ profile: Profile) -> String? {
        let named = [("users.file", profile.users.file), ("users.password_file", profile.users.passwordFile),
                     ("populate.mbox", profile.populate?.mbox)]
        for case let (key, path?) in named where !FileManager.default.isReadableFile(atPath: path) {
            return "\(key): cannot read '\(path)'"
        }
        return nil
    }

    /// The first threshold that does not parse, described; `run` refuses such a profile too.
    static func thresholdProblem(_ thresholds: [String]) -> String? {
        for text in thresholds {
            do { _ = try Threshold.parse(text) } catch { return "\(error)" }
        }
        return nil
    }
}
