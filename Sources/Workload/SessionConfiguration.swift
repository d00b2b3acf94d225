import Foundation

/// How long a session lives before it logs out and reconnects, and how it reacts to failures.
public struct SessionConfiguration: Codable, Hashable, Sendable {
    /// Commands after which the session logs out and reconnects; nil means no limit.
    public var maxCommands: Int?
    /// Time after which the session logs out and reconnects; nil means no limit.
    public var maxTime: ProfileDuration?
    /// Probability (0...1) that a session ends by closing the socket instead of LOGOUT.
    public var abruptDisconnect: Double
    /// Waiting after a failed connect or login, so a struggling server is not hammered.
    public var backoff: BackoffConfiguration

    enum CodingKeys: String, CodingKey, CaseIterable {
        case backoff
        case maxCommands = "max_commands"
        case maxTime = "max_time"
        case abruptDisconnect = "abrupt_disconnect"
    }

    public init(
        maxCommands: Int? = nil, maxTime: ProfileDuration? = nil, abruptDisconnect: Double = 0,
        backoff: BackoffConfiguration = .init()
    ) {
        self.maxCommands = maxCommands
        self.maxTime = maxTime
        self.abruptDisconnect = abruptDisconnect
        self.backoff = backoff
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            maxCommands: try container.decodeIfPresent(Int.self, forKey: .maxCommands),
            maxTime: try container.decodeIfPresent(ProfileDuration.self, forKey: .maxTime),
            abruptDisconnect: try container.decodeIfPresent(Double.self, forKey: .abruptDisconnect) ?? 0,
            backoff: try container.decodeIfPresent(BackoffConfiguration.self, forKey: .backoff) ?? .init())
        if let maxCommands, maxCommands < 1 {
            throw decoder.profileError("session.max_commands must be at least 1, found \(maxCommands)", key: "max_commands")
        }
        if let maxTime, maxTime.duration <= .zero {
            throw decoder.profileError("session.max_time must be above zero", key: "max_time")
        }
        if !(0...1).contains(abruptDisconnect) {
            throw decoder.profileError(
                "session.abrupt_disconnect is a probability between 0 and 1, found \(abruptDisconnect)", key: "abrupt_disconnect")
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
        if initial.duration <= .zero { throw decoder.profileError("backoff.initial must be above zero", key: "initial") }
        if max < initial { throw decoder.profileError("backoff.max (\(max)) is less than initial (\(initial))", key: "max") }
        if !(multiplier >= 1) { throw decoder.profileError("backoff.multiplier must be at least 1, found \(multiplier)", key: "multiplier") }
    }
}
