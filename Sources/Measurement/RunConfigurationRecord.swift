/// What a run was: kept in run.json so a result can be understood and re-rendered later.
public struct RunConfigurationRecord: Codable, Sendable, Equatable {
    public var runID: String
    public var profileName: String
    /// The resolved profile as text (YAML or JSON), after defaults and overrides.
    public var resolvedProfile: String
    /// Command line with secrets (passwords) removed by the caller.
    public var commandLine: [String]
    /// Versions of imapbench and anything else worth knowing ("imapbench": "0.1.0", "swift": ...).
    public var versions: [String: String]
    public var host: String
    public var target: String
    public var seed: UInt64?
    /// "open" or "closed".
    public var loadModel: String
    /// Offered command rate per second in the open model.
    public var offeredRate: Double?
    /// Sessions the run was asked to keep connected at once; nil when it asked only for session
    /// arrivals (no fixed count to reach) or was recorded before this field existed.
    public var targetSessions: Int?
    /// The most commands a session may have in flight (the profile's `pipeline_depth`); nil when
    /// recorded before this field existed.
    public var pipelineDepth: Int?
    /// What the generator does when the schedule cannot be kept ("keep", "drop", "skip").
    public var latePolicy: String?
    public var threads: Int
    /// Cores available to the generator process, the basis of the CPU health limit.
    public var cores: Int
    public var intervalSeconds: Double
    /// Threshold expressions as given (`fetch.p99 < 50ms`).
    public var thresholds: [String]
    /// Label of this generator when several machines run segments of one test.
    public var segment: String?
    /// Anything else the driver wants kept.
    public var notes: [String: String]
    /// The key of `notes` set when the embedded server ran inside the generator's process.
    public static let embeddedServerNote = "embedded_server"

    public init(
        runID: String = "", profileName: String = "", resolvedProfile: String = "", commandLine: [String] = [],
        versions: [String: String] = [:], host: String = "", target: String = "", seed: UInt64? = nil,
        loadModel: String = "closed", offeredRate: Double? = nil, latePolicy: String? = nil, threads: Int = 1,
        cores: Int = 1, intervalSeconds: Double = 1, thresholds: [String] = [], segment: String? = nil,
        notes: [String: String] = [:], targetSessions: Int? = nil, pipelineDepth: Int? = nil
    ) {
        self.runID = runID
        self.profileName = profileName
        self.resolvedProfile = resolvedProfile
        self.commandLine = commandLine
        self.versions = versions
        self.host = host
        self.target = target
        self.seed = seed
        self.loadModel = loadModel
        self.offeredRate = offeredRate
        self.targetSessions = targetSessions
        self.pipelineDepth = pipelineDepth
        self.latePolicy = latePolicy
        self.threads = threads
        self.cores = cores
        self.intervalSeconds = intervalSeconds
        self.thresholds = thresholds
        self.segment = segment
        self.notes = notes
    }
}
