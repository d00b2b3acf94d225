import Foundation

/// How long a session lives before it logs out and reconnects, and how it reacts to failures.
public struct SessionConfiguration: Codable, Hashable, Sendable {
    /// Commands after which the session logs out and reconnects; nil means no limit.
    public var maxCommands: Int?
    /// Time after which the session logs out and reconnects; nil means no limit.
    public var maxTime: ProfileDuration?
    /// Probability (0...1) that a session ends by closing the socket instead of LOGOUT.
    public var abruptDisconnect: Double
    /// Waiting after a failed connect or login (or a command timeout), so a struggling server is not hammered.
    public var backoff: BackoffConfiguration
    /// How long a command may wait for its tagged response after it was written. A command that
    /// times out is recorded `timeout` and its connection is closed and opened again.
    public var commandTimeout: ProfileDuration

    /// The command timeout when neither the profile nor `--timeout` sets one.
    public static let defaultCommandTimeout = ProfileDuration.seconds(30)
    /// The longest command timeout: the histograms hold latencies up to an hour, and beyond a
    /// timeout is a typo (`30m` for `30s`), not a measurement.
    public static let longestCommandTimeout: Duration = .seconds(3600)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case backoff
        case commandTimeout = "command_timeout"
        case maxCommands = "max_commands"
        case maxTime = "max_time"
        case abruptDisconnect = "abrupt_disconnect"
    }

    public init(
        maxCommands: Int? = nil, maxTime: ProfileDuration? = nil, abruptDisconnect: Double = 0,
        backoff: BackoffConfiguration = .init(), commandTimeout: ProfileDuration = Self.defaultCommandTimeout
    ) {
        self.maxCommands = maxCommands
        self.maxTime = maxTime
        self.abruptDisconnect = abruptDisconnect
        self.backoff = backoff
        self.commandTimeout = commandTimeout
    }

    /// Why `timeout` cannot be the command timeout, nil when it can; `--timeout` is checked by it too.
    public static func commandTimeoutProblem(_ timeout: Duration) -> String? {
        if timeout <= .zero { return "must be above zero" }
        if timeout > longestCommandTimeout {
            return "must be at most 1h (the longest time the histograms hold), found \(DurationParser.format(timeout))"
        }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            maxCommands: try container.decodeIfPresent(Int.self, forKey: .maxCommands),
            maxTime: try container.decodeIfPresent(ProfileDuration.self, forKey: .maxTime),
            abruptDisconnect: try container.decodeIfPresent(Double.self, forKey: .abruptDisconnect) ?? 0,
            backoff: try container.decodeIfPresent(BackoffConfiguration.self, forKey: .backoff) ?? .init(),
            commandTimeout: try container.decodeIfPresent(ProfileDuration.self, forKey: .commandTimeout)
                ?? Self.defaultCommandTimeout)
        if let maxCommands, maxCommands < 1 {
            throw decoder.profileError(
                "session.max_commands must be at least 1, found \(maxCommands)", key: "max_commands")
        }
        if let maxTime, maxTime.duration <= .zero {
            throw decoder.profileError("session.max_time must be above zero", key: "max_time")
        }
        if let problem = Self.commandTimeoutProblem(commandTimeout.duration) {
            throw decoder.profileError("session.command_timeout \(problem)", key: "command_timeout")
        }
        if !(0...1).contains(abruptDisconnect) {
            throw decoder.profileError(
                "session.abrupt_disconnect is a probability between 0 and 1, found \(abruptDisconnect)",
                key: "abrupt_disconnect")
        }
    }
}

/// Exponential backoff: wait `initial`, then multiply by `multiplier` up to `max`.
public struct BackoffConfiguration: Codable, Hashable, Sendable {
    public var initial: ProfileDuration
    public var max: ProfileDuration
    public var multiplier: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case initial, max, multiplier
    }

    public init(initial: ProfileDuration = .seconds(0.1), max: ProfileDuration = .seconds(10), multiplier: Double = 2) {
        self.initial = initial
        self.max = max
        self.multiplier = multiplier
    }

    /// The wait before retry number `attempt` (1-based).
    public func delay(attempt: Int) -> Duration {
        let factor = Foundation.pow(multiplier, Double(Swift.max(0, attempt - 1)))
        let seconds = Swift.min(initial.seconds * factor, max.seconds)
        return DurationParser.seconds(seconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            initial: try container.decodeIfPresent(ProfileDuration.self, forKey: .initial) ?? .seconds(0.1),
            max: try container.decodeIfPresent(ProfileDuration.self, forKey: .max) ?? .seconds(10),
            multiplier: try container.decodeIfPresent(Double.self, forKey: .multiplier) ?? 2)
        if initial.duration <= .zero {
            throw decoder.profileError("backoff.initial must be above zero", key: "initial")
        }
        if max < initial {
            throw decoder.profileError("backoff.max (\(max)) is less than initial (\(initial))", key: "max")
        }
        if !(multiplier >= 1) {
            throw decoder.profileError("backoff.multiplier must be at least 1, found \(multiplier)", key: "multiplier")
        }
    }
}
