/// The phases of a run and the share of the target load each moment asks for.
///
/// Order: ramp-up (load rises linearly from 0 to 1), warm-up (full load, kept apart from the
/// measured window because a login storm or cold caches are interesting in themselves, but
/// not steady state), hold (the measured window), ramp-down (load falls linearly to 0).
public struct PhasePlan: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        case rampUp = "ramp_up"
        case warmup
        case hold
        case rampDown = "ramp_down"
        case done
    }

    public var rampUp: Double
    public var warmup: Double
    public var hold: Double
    public var rampDown: Double

    /// All durations in seconds; negative values are treated as zero.
    public init(rampUp: Double = 0, warmup: Double = 0, hold: Double, rampDown: Double = 0) {
        self.rampUp = max(0, rampUp)
        self.warmup = max(0, warmup)
        self.hold = max(0, hold)
        self.rampDown = max(0, rampDown)
    }

    public var total: Double { rampUp + warmup + hold + rampDown }
    /// Start and end of the measured window, in seconds since the run began.
    public var measuredWindow: ClosedRange<Double> { (rampUp + warmup)...(rampUp + warmup + hold) }

    /// The end of the interval that starts at `start`, nil after the run. Intervals end every
    /// `interval` seconds and at every phase boundary: cutting at boundaries keeps each interval
    /// inside one phase (a `ramp_up: 500ms` would otherwise put half a second of hold into a
    /// ramp-up interval), and the last interval ends with the run, so its length is the time its
    /// data was really collected over. One at a time, so a run of days needs no list of them all.
    public func intervalEnd(after start: Double, every interval: Double) -> Double? {
        let step = max(0.001, interval)
        // a tick within a microsecond of a boundary (floating sums) is the boundary
        let tick = ((start + 1e-6) / step).rounded(.down) * step + step
        let boundaries = [rampUp, rampUp + warmup, rampUp + warmup + hold, total]
        let end = ([tick] + boundaries).filter { $0 > start + 1e-6 }.min() ?? .infinity
        guard start < total - 1e-6 else { return nil }
        return min(end, total)
    }

    public func phase(at t: Double) -> Phase {
        if t < rampUp { return .rampUp }
        if t < rampUp + warmup { return .warmup }
        if t < rampUp + warmup + hold { return .hold }
        if t < total { return .rampDown }
        return .done
    }

    /// Share of the target load (0...1) at time `t`.
    public func loadFraction(at t: Double) -> Double {
        switch phase(at: t) {
        case .rampUp: return rampUp > 0 ? t / rampUp : 1
        case .warmup, .hold: return 1
        case .rampDown:
            let intoDown = t - (rampUp + warmup + hold)
            return rampDown > 0 ? max(0, 1 - intoDown / rampDown) : 0
        case .done: return 0
        }
    }

    /// The integral of `loadFraction` from 0 to `t`: how many "full-load seconds" have passed.
    /// Pacing inverts it so that the command schedule follows the ramps exactly.
    public func cumulativeLoad(at t: Double) -> Double {
        let t = min(max(0, t), total)
        var sum = 0.0
        let upEnd = rampUp
        if t <= upEnd { return rampUp > 0 ? t * t / (2 * rampUp) : 0 }
        sum += rampUp / 2
        let flatEnd = rampUp + warmup + hold
        if t <= flatEnd { return sum + (t - upEnd) }
        sum += warmup + hold
        let d = t - flatEnd
        return sum + (rampDown > 0 ? d - d * d / (2 * rampDown) : 0)
    }

    /// The time at which `cumulativeLoad` reaches `load`, or nil when the run ends first.
    public func time(atCumulativeLoad load: Double) -> Double? {
        guard let t = solveTime(atCumulativeLoad: load), t < total else { return nil }
        return t
    }

    private func solveTime(atCumulativeLoad load: Double) -> Double? {
        if load < 0 { return 0 }
        let upLoad = rampUp / 2
        if load <= upLoad {
            return rampUp > 0 ? (2 * rampUp * load).squareRoot() : 0
        }
        let flatLoad = upLoad + warmup + hold
        if load <= flatLoad { return rampUp + (load - upLoad) }
        let rest = load - flatLoad
        guard rampDown > 0, rest < rampDown / 2 else { return nil }
        // solve d - d^2/(2R) = rest for the smaller root
        let disc = 1 - 2 * rest / rampDown
        let d = rampDown * (1 - max(0, disc).squareRoot())
        return rampUp + warmup + hold + d
    }
}
