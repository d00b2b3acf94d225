import Measurement

/// What the live progress line shows once per interval.
public struct ProgressLine: Sendable {
    public var elapsed: Double
    public var total: Double
    public var phase: PhasePlan.Phase
    public var connected: Int
    public var target: Int
    public var interval: IntervalData
    public var length: Double
    /// What went wrong opening sessions during this interval (refused connects, refused logins).
    public var problems = SessionProblems()
}

extension RunPhase {
    init(_ phase: PhasePlan.Phase) {
        switch phase {
        case .rampUp: self = .rampUp
        case .warmup: self = .warmup
        case .hold: self = .hold
        case .rampDown: self = .rampDown
        case .done: self = .drain
        }
    }
}
