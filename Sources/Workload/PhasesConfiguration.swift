/// The shape of a run in time:
///
///     | ramp_up | warmup |        hold        | ramp_down |
///
/// `duration` covers the ramps and the hold; the warm-up (full load, run but kept apart from
/// the measured window) adds to it. The measured window is the hold.
public struct PhasesConfiguration: Codable, Hashable, Sendable {
    public var warmup: ProfileDuration
    public var rampUp: ProfileDuration
    public var duration: ProfileDuration
    public var rampDown: ProfileDuration

    enum CodingKeys: String, CodingKey, CaseIterable {
        case warmup, duration
        case rampUp = "ramp_up"
        case rampDown = "ramp_down"
    }

    public init(
        warmup: ProfileDuration = .zero, rampUp: ProfileDuration = .zero, duration: ProfileDuration = .seconds(60),
        rampDown: ProfileDuration = .zero
    ) {
        self.warmup = warmup
        self.rampUp = rampUp
        self.duration = duration
        self.rampDown = rampDown
    }

    /// The time at full load between the ramps.
    public var hold: Duration { duration.duration - rampUp.duration - rampDown.duration }
    /// Everything the run takes, warm-up included.
    public var total: Duration { warmup.duration + duration.duration }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            warmup: try container.decodeIfPresent(ProfileDuration.self, forKey: .warmup) ?? .zero,
            rampUp: try container.decodeIfPresent(ProfileDuration.self, forKey: .rampUp) ?? .zero,
            duration: try container.decodeIfPresent(ProfileDuration.self, forKey: .duration) ?? .seconds(60),
            rampDown: try container.decodeIfPresent(ProfileDuration.self, forKey: .rampDown) ?? .zero)
        if let problem = problem() {
            throw decoder.profileError("phases.\(problem.message)", key: problem.key)
        }
    }

    /// The longest run: beyond it a duration is a typo (`100000h`), not a benchmark.
    public static let longest: Duration = .seconds(30 * 24 * 3600)

    /// The first impossible setting, with its key; public so `--duration` can be rechecked.
    public func problem() -> (key: String, message: String)? {
        if duration.duration <= .zero { return ("duration", "duration must be above zero") }
        if total > Self.longest {
            return ("duration", "warmup plus duration (\(total)) is longer than the longest run, 30 days")
        }
        if rampUp.duration + rampDown.duration > duration.duration {
            return ("ramp_up", "ramp_up (\(rampUp)) plus ramp_down (\(rampDown)) is longer than duration (\(duration))")
        }
        return nil
    }
}
