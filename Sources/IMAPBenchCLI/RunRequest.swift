import ArgumentParser
import Driver
import Foundation
import IMAPProtocol
import Measurement
import Reporting
import ServerTools
import Workload

/// `run`'s flags checked and turned into a resolved profile plus overrides, before anything starts.
struct RunRequest {
    var profileName: String
    var profile: Profile
    var overrides: RunOverrides
    var shards: ShardRequest
    var server: (host: String, port: Int)?
    var outDirectory: URL
    var force: Bool
    var thresholds: [String]
    var quiet: Bool
    /// `--allow-limited`: a run that should not be believed still exits 0.
    var allowLimited: Bool
    /// `--no-populate`: the profile's populate: section is skipped.
    var noPopulate = false
    var protocolLog: String?
    /// `--metrics`: the live endpoint; nil without it.
    var metrics: MetricsRequest?
    /// `--summary-json FILE`: the end-of-run summary as JSON (`RunSummary`).
    var summaryJSON: String?
    var commandLine: [String]
    /// The phases the run will use, printed before it starts.
    var phasesLine: String

    init(command: Run) throws {
        let loaded: Profile
        do {
            loaded = try ProfileLoader.resolve(command.profile)
        } catch {
            // bad input, not a bad command line: exit 1 like `validate`, with file:line:column
            throw CLIError(error.description)
        }
        let thresholdProblems = ThresholdCheck.problems(loaded.thresholds, profile: loaded).map(\.message)
        if !thresholdProblems.isEmpty {
            throw CLIError("\(command.profile): thresholds: " + thresholdProblems.joined(separator: "; "))
        }
        var overrides = RunOverrides()
        try command.connection.checkFiles()
        if let log = command.protocolLog { try InputFileCheck.writable(log, named: "--protocol-log") }
        if let file = command.summaryJSON { try InputFileCheck.writable(file, named: "--summary-json") }
        server = try command.connection.serverAddress()
        if let tls = command.connection.tls {
            guard let mode = TLSMode(rawValue: tls.lowercased()) else {
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
        overrides.duration = try Self.duration(command.duration, flag: "--duration")
        overrides.rampUp = try Self.duration(command.rampUp, flag: "--ramp-up")
        overrides.warmup = try Self.duration(command.warmup, flag: "--warmup")
        overrides.rampDown = try Self.duration(command.rampDown, flag: "--ramp-down")
        overrides.commandTimeout = try Self.duration(command.timeout, flag: "--timeout")
        overrides.pipelineDepth = command.pipeline
        overrides.checks = try Self.checks(
            enabled: command.checks, severities: command.checkSeverities, profile: loaded.checks)
        overrides.seed = command.seed
        if let threads = command.threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        overrides.threads = command.threads
        shards = try command.sharding.resolve(environment: ProcessInfo.processInfo.environment)
        overrides.segment = shards.segment
        overrides.segmentSource = shards.segmentSource
        // the same checks as the profile's: syntax, units and a subject this profile can measure
        for text in command.threshold {
            if let problem = ThresholdCheck.problem(text, profile: loaded) {
                throw ValidationError("--threshold: \(problem)")
            }
        }
        do {
            profile = try loaded.applying(overrides)
        } catch {
            throw ValidationError(String(describing: error))
        }
        // after the overrides: a --password-file replaces the profile's, and was checked above
        if let problem = Validate.missingFile(profile) { throw CLIError("\(command.profile): \(problem)") }
        self.overrides = overrides
        phasesLine = Self.phasesLine(profile: profile.phases, loaded: loaded.phases, overrides: overrides)
        profileName = URL(fileURLWithPath: command.profile).deletingPathExtension().lastPathComponent
        thresholds = profile.thresholds + command.threshold
        quiet = command.quiet
        allowLimited = command.allowLimited
        noPopulate = command.noPopulate
        protocolLog = command.protocolLog
        metrics = try command.liveMetrics.resolve()
        summaryJSON = command.summaryJSON
        outDirectory = URL(fileURLWithPath: command.out ?? Self.defaultOut(profileName: profileName))
        force = command.force
        try Self.checkWritable(outDirectory, force: force)
        commandLine = Self.redactedArguments()
    }

    private static func duration(_ text: String?, flag: String) throws -> Duration? {
        guard let text else { return nil }
        do { return try DurationParser.parse(text) } catch { throw ValidationError("\(flag): \(error)") }
    }

    /// `phases: ramp_up 6s, warmup 0s, hold 54s, ramp_down 0s`, and when --duration scaled the
    /// profile's, what they were: a run must not change its shape without saying so.
    static func phasesLine(profile: PhasesConfiguration, loaded: PhasesConfiguration, overrides: RunOverrides) -> String
    {
        let line = "phases: " + profile.lengthsText
        let scalable = loaded.rampUp.duration + loaded.warmup.duration + loaded.rampDown.duration
        guard let duration = overrides.duration, profile != loaded, scalable > .zero else { return line }
        return line + " (the profile's \(loaded.lengthsText) scaled to --duration \(DurationParser.format(duration)); "
            + "--ramp-up, --warmup, --ramp-down set a phase exactly)"
    }

    /// Finds out before the run, not after it, that its results could not be kept: `--out` must
    /// not be a file nor a directory of other files (without `force`), and its parent must exist
    /// (it is created) and take new entries.
    static func checkWritable(_ directory: URL, force: Bool) throws {
        let manager = FileManager.default
        try OutDirectoryCheck.check(directory, place: RunDirectoryWriter.place(force: force))
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
