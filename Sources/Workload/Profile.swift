/// A benchmark workload as written in a YAML profile: who logs in, how, how much load, for
/// how long, and which weighted mix of IMAP operations each session performs.
///
/// Every key is documented in `Profiles/README.md`; every section but `operations` has
/// defaults so a small profile stays small.
public struct Profile: Codable, Hashable, Sendable {
    /// One line saying what the profile imitates, shown by `imapbench profiles`.
    public var summary: String
    public var users: UsersConfiguration
    public var connection: ConnectionSetup
    public var load: LoadConfiguration
    public var phases: PhasesConfiguration
    public var session: SessionConfiguration
    /// The weighted mix; at least one operation.
    public var operations: [ProfileOperation]
    /// Pass/fail conditions such as `fetch.p99 < 50ms`, parsed by the measurement layer.
    public var thresholds: [String]
    /// How `imapbench populate` (or a run with populate) fills mailboxes before the run.
    public var populate: PopulateConfiguration?
    /// Which consistency checks run (`checks:`); off unless the profile or `--checks` turns them on.
    public var checks: CheckSettings

    enum CodingKeys: String, CodingKey, CaseIterable {
        case summary = "description"
        case users, connection, load, phases, session, operations, thresholds, populate, checks
    }

    public init(
        summary: String = "", users: UsersConfiguration = .init(), connection: ConnectionSetup = .init(),
        load: LoadConfiguration = .init(), phases: PhasesConfiguration = .init(),
        session: SessionConfiguration = .init(), operations: [ProfileOperation], thresholds: [String] = [],
        populate: PopulateConfiguration? = nil, checks: CheckSettings = .off
    ) {
        self.summary = summary
        self.users = users
        self.connection = connection
        self.load = load
        self.phases = phases
        self.session = session
        self.operations = operations
        self.thresholds = thresholds
        self.populate = populate
        self.checks = checks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        summary = try container.decodeIfPresent(String.self, forKey: .summary) ?? ""
        users = try container.decodeIfPresent(UsersConfiguration.self, forKey: .users) ?? .init()
        connection = try container.decodeIfPresent(ConnectionSetup.self, forKey: .connection) ?? .init()
        load = try container.decodeIfPresent(LoadConfiguration.self, forKey: .load) ?? .init()
        phases = try container.decodeIfPresent(PhasesConfiguration.self, forKey: .phases) ?? .init()
        session = try container.decodeIfPresent(SessionConfiguration.self, forKey: .session) ?? .init()
        operations = try container.decode([ProfileOperation].self, forKey: .operations)
        thresholds = try container.decodeIfPresent([String].self, forKey: .thresholds) ?? []
        populate = try container.decodeIfPresent(PopulateConfiguration.self, forKey: .populate)
        checks = try container.decodeIfPresent(CheckSettings.self, forKey: .checks) ?? .off
        try validateOperations(decoder: decoder)
    }

    /// ProfileOperation names become metric names, so they must be present and distinct.
    private func validateOperations(decoder: any Decoder) throws {
        if operations.isEmpty {
            throw decoder.profileError("operations must list at least one operation", key: "operations")
        }
        var seen = Set<String>()
        for operation in operations where !seen.insert(operation.name).inserted {
            throw decoder.profileError(
                "operation name '\(operation.name)' is used twice; give each operation of the same type its own 'name'",
                key: "operations")
        }
    }

    /// The sum of all operation weights, which `WeightedChoice` normalises by.
    public var totalWeight: Double { operations.reduce(0) { $0 + $1.weight } }
}

extension Profile {
    /// Problems left after command-line overrides were applied to a valid profile
    /// (`--sessions 0`, `--rate` with a closed model, `--duration` shorter than the ramps).
    public func overrideProblems() -> [String] {
        var problems: [String] = []
        if let problem = load.problem() { problems.append("load.\(problem.message)") }
        if let problem = phases.problem() { problems.append("phases.\(problem.message)") }
        return problems
    }
}

extension LoadConfiguration {
    /// Each session's share of `commands_per_second` in the open model, so that the sessions'
    /// schedules add up to the target; nil without a command rate.
    public var commandsPerSecondPerSession: Double? {
        guard let rate = commandsPerSecond, sessions > 0 else { return nil }
        return rate / Double(sessions)
    }
}
