extension RunResult {
    /// The intervals a per-second series shows: every interval of the plan's phases, the drain
    /// left out. The drain is the tail of commands sent before the stop plus the logouts, often a
    /// few milliseconds long: as a rate it is a spike (thousands of completions "per second" in
    /// 30 ms) that says nothing about the load. Its counts stay in timeseries.csv and `run:drain`.
    public var loadIntervals: [IntervalRecord] {
        intervals.filter { $0.phase != .drain }
    }

    /// A run.json written before the `drain` phase existed labelled its drain `ramp_down`; the
    /// drain was always the last interval (the stop collects it after the plan's last tick), so
    /// that interval is relabelled. Files that already have a drain are left as they are.
    public mutating func labelDrainOfOldFile() {
        guard !intervals.contains(where: { $0.phase == .drain }),
            let last = intervals.indices.last, intervals[last].phase == .rampDown
        else { return }
        intervals[last].phase = .drain
    }
}
