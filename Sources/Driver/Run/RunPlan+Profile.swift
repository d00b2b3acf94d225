import Foundation
import IMAPClient
import IMAPProtocol
import Workload

/// What the command line may change in a profile. Every field nil/false keeps the profile's value.
public struct RunOverrides: Sendable {
    public var host: String?
    public var port: Int?
    public var tls: TLSMode?
    public var insecure = false
    public var caFile: String?
    public var usersPattern: String?
    public var userRange: ClosedRange<Int>?
    public var passwordFile: String?
    public var sessions: Int?
    /// Commands per second: switches the profile to the open model.
    public var rate: Double?
    /// Ramps plus hold: every phase the profile gives is scaled with it (`PhasesConfiguration.overridden`).
    public var duration: Duration?
    /// One phase's length, exactly, not scaled with `duration`.
    public var rampUp: Duration?
    public var warmup: Duration?
    public var rampDown: Duration?
    public var pipelineDepth: Int?
    public var seed: UInt64?
    public var threads: Int?
    public var segment: Segment?
    /// How the user gave `segment` (`--shard 2/3`, `--segment 2/3`, or the Indexed Job's
    /// variables), so that an error about the slice names what was typed.
    public var segmentSource: String?
    /// `--timeout`: replaces `session.command_timeout`.
    public var commandTimeout: Duration?
    /// `--checks`, `--no-checks` and `--check ID=SEVERITY`: replaces the profile's `checks:`.
    public var checks: CheckSettings?
    public init() {}
}

/// An error in the combination of a profile and the command line, written for a person.
public struct RunPlanError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Profile {
    /// The profile with the command line's overrides applied; this is the "resolved profile" that
    /// run.json keeps. A `--segment` is checked here but taken by `RunPlan`: the profile stays whole.
    public func applying(_ overrides: RunOverrides) throws -> Profile {
        var profile = self
        if let checks = overrides.checks { profile.checks = checks }
        if let tls = overrides.tls { profile.connection.tls = tls }
        if let pattern = overrides.usersPattern {
            profile.users.pattern = pattern
            profile.users.file = nil
        }
        if let range = overrides.userRange { profile.users.range = NumberRange(range.lowerBound, range.upperBound) }
        if profile.users.file == nil, profile.users.range.count > 1,
            profile.users.pattern.components(separatedBy: "%d").count != 2
        {
            throw RunPlanError(
                "--users must contain exactly one %d to number \(profile.users.range.count) users, got '\(profile.users.pattern)'"
            )
        }
        if let file = overrides.passwordFile {
            profile.users.passwordFile = file
            profile.users.password = nil
            profile.users.passwordEnvironment = nil
        }
        if let sessions = overrides.sessions {
            guard sessions > 0 else { throw RunPlanError("--sessions must be at least 1, got \(sessions)") }
            profile.load.sessions = sessions
        }
        if let rate = overrides.rate {
            guard rate > 0, rate.isFinite else { throw RunPlanError("--rate must be above 0 commands/s, got \(rate)") }
            profile.load.model = .open
            profile.load.commandsPerSecond = rate
        }
        profile.phases = try profile.phases.overridden(by: overrides)
        if let depth = overrides.pipelineDepth {
            guard (1...LoadConfiguration.maximumPipelineDepth).contains(depth) else {
                throw RunPlanError("--pipeline must be 1...\(LoadConfiguration.maximumPipelineDepth), got \(depth)")
            }
            profile.load.pipelineDepth = depth
        }
        if let timeout = overrides.commandTimeout {
            if let problem = SessionConfiguration.commandTimeoutProblem(timeout) {
                throw RunPlanError("--timeout \(problem)")
            }
            profile.session.commandTimeout = ProfileDuration(timeout)
        }
        if let segment = overrides.segment {
            // the profile stays whole (run.json keeps the whole test and the segment beside it);
            // RunPlan takes the slice. A slice with no session would send nothing of the
            // sessions' load, and the N slices would not add up.
            let whole = profile.load.sessions
            let sessionLoad = profile.load.model == .closed || (profile.load.commandsPerSecond ?? 0) > 0
            if sessionLoad, segment.share(of: whole) < 1 {
                let source = overrides.segmentSource ?? "--shard \(segment)"
                throw RunPlanError("\(source) gets no session of \(whole): use at least as many sessions as shards")
            }
        }
        return profile
    }
}

extension RunPlan {
    /// A plan from a resolved profile: where to connect, who logs in, the load and the phases.
    public init(profileName: String, resolved profile: Profile, overrides: RunOverrides, host: String, port: Int) throws
    {
        var connection = ConnectionConfiguration(host: host, port: port)
        connection.tlsMode = profile.connection.tls
        connection.verifyCertificates = !overrides.insecure
        connection.caFile = overrides.caFile
        connection.pipelineDepth = profile.load.pipelineDepth
        connection.timeouts.command = .nanoseconds(profile.session.commandTimeout.duration.nanosecondsValue)
        let users: UserSource
        do {
            users = try UserSource(configuration: profile.users)
        } catch {
            throw RunPlanError(error.description)
        }
        let phases = PhasePlan(
            rampUp: profile.phases.rampUp.seconds, warmup: profile.phases.warmup.seconds,
            hold: profile.phases.hold.secondsValue, rampDown: profile.phases.rampDown.seconds)
        let load: LoadModel
        switch profile.load.model {
        case .closed:
            load = .closed(sessions: profile.load.sessions)
        case .open:
            load = .open(
                sessions: profile.load.sessions, commandsPerSecond: profile.load.commandsPerSecond ?? 0,
                sessionsPerSecond: profile.load.sessionsPerSecond ?? 0,
                spacing: profile.load.spacing == .poisson ? .poisson : .uniform)
        }
        let segment = overrides.segment ?? .whole
        self.init(
            profileName: profileName, profile: profile, connection: connection,
            loginMethod: profile.connection.login,
            users: users.credentials, load: load.share(for: segment), phases: phases,
            seed: overrides.seed ?? UInt64.random(in: 1...UInt64(UInt32.max)),
            threads: overrides.threads ?? ProcessInfo.processInfo.activeProcessorCount,
            wholeLoad: load, segment: segment)
        checks = profile.checks
    }
}
