import Workload

/// How a session behaves between connect and LOGOUT, resolved from the profile.
public struct SessionBehaviour: Sendable {
    public enum ThinkTime: Sendable, Hashable {
        case none
        case constant(Double)
        case uniform(Double, Double)
        case exponential(mean: Double)

        /// A think time in seconds for one gap.
        func sample(using rng: inout SeededRandom) -> Double {
            switch self {
            case .none: return 0
            case .constant(let s): return s
            case .uniform(let low, let high): return low + (high - low) * Double.random(in: 0..<1, using: &rng)
            case .exponential(let mean): return mean * unitExponential(using: &rng)
            }
        }
    }

    public var pipelineDepth: Int = 1
    public var enable: [String] = []
    public var sendID = false
    /// Mailbox to SELECT (or EXAMINE) after login; nil stays authenticated.
    public var mailbox: String? = "INBOX"
    public var examine = false
    public var thinkTime: ThinkTime = .none
    /// After this many commands or seconds the session logs out and reconnects.
    public var lifetimeCommands: Int? = nil
    public var lifetimeSeconds: Double? = nil
    /// Probability that a session ends by dropping the connection instead of LOGOUT.
    public var abruptDisconnectProbability = 0.0
    /// Wait before reconnecting after a failed connect or login.
    public var backoffSeconds = 1.0
    public var operations: [WeightedOperation] = []

    public init() {}
}

/// One entry of the operation mix.
public struct WeightedOperation: Sendable {
    public var name: String
    public var weight: Double
    public var operation: Operation
    public init(name: String, weight: Double, operation: Operation) {
        self.name = name
        self.weight = weight
        self.operation = operation
    }
}

/// A draw of Exp(1).
func unitExponential(using rng: inout SeededRandom) -> Double {
    -Double.log(1 - Double.random(in: 0..<1, using: &rng))
}
