/// How much load to offer: a closed model (a fixed number of sessions, each waiting for its
/// replies and a think time) or an open model (a target rate that does not slow down when the
/// server does, which is what exposes queueing).
public struct LoadConfiguration: Codable, Hashable, Sendable {
    public var model: LoadModel
    /// Closed: the number of sessions. Open: how many sessions share `commands_per_second`, or
    /// the most sessions open at once under `sessions_per_second`.
    public var sessions: Int
    /// Closed model only: the pause between a reply and the session's next command.
    public var thinkTime: ThinkTime
    /// Open model: commands per second over all sessions.
    public var commandsPerSecond: Double?
    /// Open model: new sessions (connect, login, lifetime, logout) per second.
    public var sessionsPerSecond: Double?
    /// Open model: evenly spaced sends, or Poisson (exponential gaps) as independent users make.
    public var spacing: Spacing
    /// Commands a session may have in flight at once; 1 means no pipelining.
    public var pipelineDepth: Int

    public static let maximumPipelineDepth = 1024

    enum CodingKeys: String, CodingKey, CaseIterable {
        case model, sessions, spacing
        case thinkTime = "think_time"
        case commandsPerSecond = "commands_per_second"
        case sessionsPerSecond = "sessions_per_second"
        case pipelineDepth = "pipeline_depth"
    }

    public init(
        model: LoadModel = .closed, sessions: Int = 10, thinkTime: ThinkTime = .none,
        commandsPerSecond: Double? = nil, sessionsPerSecond: Double? = nil, spacing: Spacing = .poisson,
        pipelineDepth: Int = 1
    ) {
        self.model = model
        self.sessions = sessions
        self.thinkTime = thinkTime
        self.commandsPerSecond = commandsPerSecond
        self.sessionsPerSecond = sessionsPerSecond
        self.spacing = spacing
        self.pipelineDepth = pipelineDepth
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            model: try container.decodeIfPresent(LoadModel.self, forKey: .model) ?? .closed,
            sessions: try container.decodeIfPresent(Int.self, forKey: .sessions) ?? 10,
            thinkTime: try container.decodeIfPresent(ThinkTime.self, forKey: .thinkTime) ?? .none,
            commandsPerSecond: try container.decodeIfPresent(Double.self, forKey: .commandsPerSecond),
            sessionsPerSecond: try container.decodeIfPresent(Double.self, forKey: .sessionsPerSecond),
            spacing: try container.decodeIfPresent(Spacing.self, forKey: .spacing) ?? .poisson,
            pipelineDepth: try container.decodeIfPresent(Int.self, forKey: .pipelineDepth) ?? 1)
        if let problem = problem() {
            throw decoder.profileError("load.\(problem.message)", key: problem.key)
        }
    }

    /// The first inconsistency, with the key it is about; nil when the settings are usable.
    /// Public so the command line can recheck after applying `--sessions` or `--rate`.
    public func problem() -> (key: String, message: String)? {
        if sessions < 1 { return ("sessions", "sessions must be at least 1, found \(sessions)") }
        if !(1...Self.maximumPipelineDepth).contains(pipelineDepth) {
            return (
                "pipeline_depth",
                "pipeline_depth must be between 1 and \(Self.maximumPipelineDepth), found \(pipelineDepth)"
            )
        }
        for (key, rate) in [("commands_per_second", commandsPerSecond), ("sessions_per_second", sessionsPerSecond)] {
            guard let rate else { continue }
            if model == .closed { return (key, "\(key) applies only to model: open (the closed model has no rate)") }
            if !(rate > 0) || !rate.isFinite {
                return (key, "\(key) must be a positive number, found \(rate.profileText)")
            }
        }
        if model == .open && commandsPerSecond == nil && sessionsPerSecond == nil {
            return ("model", "model: open needs commands_per_second, sessions_per_second or both")
        }
        if model == .open && thinkTime != .none {
            return ("think_time", "think_time applies only to model: closed (the open model is paced by its rate)")
        }
        return nil
    }
}

/// Closed (sessions wait for replies) or open (a target rate).
public enum LoadModel: String, ProfileChoice {
    case closed, open
    public init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }
}

/// Inter-arrival spacing for the open model.
public enum Spacing: String, ProfileChoice {
    /// Exactly 1/rate apart.
    case uniform
    /// Exponentially distributed gaps with mean 1/rate (a Poisson process).
    case poisson
    public init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }
}
