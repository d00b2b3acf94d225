import Workload

extension PhasesConfiguration {
    /// The phases with the command line's lengths. `--duration` scales ramp-up, warm-up and
    /// ramp-down by the factor it scales the duration (mobile-idle's 30 s ramp-up of 5 m becomes
    /// 6 s of 1 m): dropping the ramps, as it once did when they did not fit, logged in every
    /// session at once. A phase given on its own flag is taken as it is. Refuses, naming the flag
    /// that overrides it, a phase that would scale to less than a millisecond, and ramps longer
    /// than the duration.
    public func overridden(by overrides: RunOverrides) throws -> PhasesConfiguration {
        var phases = self
        let factor: Double
        if let duration = overrides.duration {
            guard duration > .zero else { throw RunPlanError("--duration must be above zero") }
            phases.duration = ProfileDuration(duration)
            factor = duration / self.duration.duration
        } else {
            factor = 1
        }
        phases.rampUp = try Self.length(
            overrides.rampUp, scaling: rampUp, by: factor, name: "ramp_up", flag: "--ramp-up")
        phases.warmup = try Self.length(overrides.warmup, scaling: warmup, by: factor, name: "warmup", flag: "--warmup")
        phases.rampDown = try Self.length(
            overrides.rampDown, scaling: rampDown, by: factor, name: "ramp_down", flag: "--ramp-down")
        // rounding both ramps to the millisecond may overfill a duration they filled exactly
        if overrides.rampDown == nil, phases.rampUp.duration + phases.rampDown.duration > phases.duration.duration {
            phases.rampDown = ProfileDuration(max(.zero, phases.duration.duration - phases.rampUp.duration))
        }
        if let problem = phases.problem() {
            throw RunPlanError(
                problem.key == "ramp_up"
                    ? "phases: \(problem.message); shorten --ramp-up or --ramp-down, or lengthen --duration"
                    : "--duration: \(problem.message)")
        }
        return phases
    }

    /// One phase: the flag's value as given, else the profile's scaled by `factor` to the millisecond.
    private static func length(
        _ given: Duration?, scaling profile: ProfileDuration, by factor: Double, name: String, flag: String
    ) throws -> ProfileDuration {
        if let given {
            guard given >= .zero else { throw RunPlanError("\(flag) must not be negative") }
            return ProfileDuration(given)
        }
        guard factor != 1, profile.duration > .zero else { return profile }
        let milliseconds = (profile.seconds * factor * 1000).rounded()
        guard milliseconds >= 1 else {
            throw RunPlanError(
                "--duration scales the profile's \(name) (\(profile)) to less than 1ms, too short to keep "
                    + "its share of the run; give it a length with \(flag) (\(flag) 0 for none)")
        }
        return ProfileDuration(.milliseconds(Int64(min(milliseconds, 9e15))))
    }

    /// The phases in the order they run, as the run prints them: `ramp_up 6s, warmup 0s, hold 54s, ramp_down 0s`.
    public var lengthsText: String {
        [("ramp_up", rampUp.duration), ("warmup", warmup.duration), ("hold", hold), ("ramp_down", rampDown.duration)]
            .map { "\($0.0) \(DurationParser.format($0.1))" }.joined(separator: ", ")
    }
}
