import ArgumentParser
import Driver
import Foundation
import Measurement
import Workload

/// `run`'s flags checked and turned into a resolved profile plus overrides, before anything starts.
struct RunRequest {
    var profileName: String
    var profile: Profile
    var overrides: RunOverrides
    var shards: ShardRequest
    var server: (host: String, port: Int)?
    var outDirectory: URL
    var thresholds: [String]
    var quiet: Bool
    var protocolLog: String?
    var commandLine: [String]

    init(command: Run) throws {
        let loaded: Profile
        do {
            loaded = try ProfileLoader.resolve(command.profile)
        } catch {
            // bad input, not a bad command line: exit 1 like `validate`, with file:line:column
            throw CLIError(error.description)
        }
        if let problem = Validate.thresholdProblem(loaded.thresholds) {
            throw CLIError("\(command.profile): thresholds: \(problem)")
        }
        var overrides = RunOverrides()
        server = try command.connection.serverAddress()
        if let tls = command.connection.tls {
            guard let mode = Workload.TLSMode(rawValue: tls.lowercased()) else {
                throw ValidationError("--tls must be none, starttls or implicit, got '\(tls)'")
            }
            overrides.tls = mode
        }
        overrides.insecure = command.connection.insecure
        overrides.caFile = command.connection.caFile
        overrides.usersPattern = command.connection.users
        overrides.userRange = try command.connection.parsedUserRange()
        overrides.passwordFile = command.connection.passwordFile
        overrides.sessions = command.sessions
        overrides.rate = command.rate
        if let text = command.duration {
            do { overrides.duration = try DurationParser.parse(text) } catch {
                throw ValidationError("--duration: \(error)")
            }
        }
        if let text = command.timeout {
            do { overrides.commandTimeout = try DurationParser.parse(text) } catch {
                throw ValidationError("--timeout: \(error)")
            }
        }
        overrides.pipelineDepth = command.pipeline
        overrides.seed = command.seed
        if let threads = command.threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        overrides.threads = command.threads
        shards = try command.sharding.resolve(environment: ProcessInfo.processInfo.environment)
        overrides.segment = shards.segment
        for text in command.threshold {
            do { _ = try Threshold.parse(text) } catch { throw ValidationError("--threshold: \(error)") }
        }
        do {
            profile = try loaded.applying(overrides)
        } catch {
            throw ValidationError(String(describing: error))
        }
        self.overrides = overrides
        profileName = URL(fileURLWithPath: command.profile).deletingPathExtension().lastPathComponent
        thresholds = profile.thresholds + command.threshold
        quiet = command.quiet
        protocolLog = command.protocolLog
        outDirectory = URL(fileURLWithPath: command.out ?? Self.defaultOut(profileName: profileName))
        try Self.checkWritable(outDirectory)
        commandLine = Self.redactedArguments()
    }

    /// Finds out before the run, not after it, that its results could not be kept: `--out` must
    /// not be a file, and its parent must exist (it is created) and take new entries.
    static func checkWritable(_ directory: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CLIError("--out \(directory.path) is a file, not a directory")
        }
        let parent = directory.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw CLIError("--out \(directory.path): cannot create \(parent.path)")
        }
        guard manager.isWritableFile(atPath: parent.path) else {
            throw CLIError("--out \(directory.path): \(parent.path) is not writable")
        }
    }

    /// `Results/<UTC timestamp>-<name>`, the same naming as the probes' directories.
    static func defaultOut(profileName: String) -> String {
        ProbeOutputDirectory.defaultPath(name: profileName)
    }

    /// The command line as typed; nothing secret can be on it (passwords never come from argv),
    /// but a value after an option named like a password is masked all the same.
    static func redactedArguments() -> [String] {
        var out: [String] = []
        var maskNext = false
        for argument in CommandLine.arguments {
            out.append(maskNext ? "***" : argument)
            maskNext = argument.lowercased().contains("password") && !argument.contains("file")
        }
        return out
    }
}
