import ArgumentParser
import Foundation
import Workload

/// `imapbench profiles [NAME]`: lists the built-in profiles, or prints one's YAML to start a
/// profile of one's own from (`imapbench profiles webmail > mine.yaml`).
struct ListProfiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the built-in profiles, or print one's YAML.",
        discussion: "Examples: imapbench profiles; imapbench profiles webmail > mine.yaml; then imapbench run mine.yaml"
    )

    @Argument(help: "A built-in profile whose YAML to print.")
    var name: String?

    func run() throws {
        guard let name else {
            for name in ProfileLoader.builtinNames {
                guard let path = ProfileLoader.builtinPath(named: name),
                    let profile = try? ProfileLoader.load(path: path)
                else { continue }
                print("\(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(profile.summary)")
            }
            return
        }
        print(try Self.yaml(of: name), terminator: "")
    }

    /// The built-in's file as shipped, comments included.
    static func yaml(of name: String) throws -> String {
        guard let path = ProfileLoader.builtinPath(named: name) else {
            throw CLIError(
                "no built-in profile named \"\(name)\"; the built-ins are: \(ProfileLoader.builtinNames.joined(separator: ", "))"
            )
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLIError("cannot read the built-in profile \(name) at \(path): \(error.localizedDescription)")
        }
    }
}
