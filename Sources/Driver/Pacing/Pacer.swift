/// The open-model schedule of one session: when each of its commands is due.
///
/// A pure function of the previous arrival, in the spirit of vegeta's pacer: arrivals are drawn
/// at unit rate (spacing 1 for uniform, Exp(1) for Poisson) on a "full-load seconds" axis and
/// mapped back to wall time through `PhasePlan.time(atCumulativeLoad:)`, so that ramps are
/// followed exactly and the sum over sessions is the target rate even when the rate is lower
/// than the number of sessions. Intended times never depend on when replies come back, which is
/// what keeps coordinated omission out of the numbers.
public struct Pacer: Sendable {
    public enum Spacing: String, Sendable, Hashable {
        case uniform
        case poisson
    }

    public let plan: PhasePlan
    /// Commands per second of this session at full load.
    public let rate: Double
    public let spacing: Spacing
    /// Position of the last arrival on the unit-rate axis.
    private var position: Double

    /// `offset` in [0, 1) staggers sessions so their uniform schedules do not fire together.
    public init(plan: PhasePlan, rate: Double, spacing: Spacing, offset: Double) {
        self.plan = plan
        self.rate = rate
        self.spacing = spacing
        // uniform: stagger sessions by `offset`; Poisson is memoryless and needs no stagger
        self.position = spacing == .uniform ? offset - 1 : 0
    }

    /// Seconds since the run start at which the next command is due, or nil when the run is over.
    /// `unitExponential` is a draw of Exp(1), used only for Poisson spacing.
    public mutating func next(unitExponential: Double) -> Double? {
        guard rate > 0 else { return nil }
        position += spacing == .uniform ? 1 : unitExponential
        return plan.time(atCumulativeLoad: max(0, position) / rate)
    }
}
