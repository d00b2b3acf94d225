import ArgumentParser
import Workload

/// `imapbench profiles`: lists the built-in profiles with what each imitates.
struct ListProfiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the built-in profiles.",
        discussion: "Example: imapbench profiles; then imapbench run webmail")

    func run() throws {
        for name in ProfileLoader.builtinNames {
            guard let path = ProfileLoader.builtinPath(named: name),
                  let profile = try? ProfileLoader.load(path: path) else { continue }
            print("\(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(profile.summary)")
        }
    }
}
