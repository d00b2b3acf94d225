/// The pause a closed-model session takes between a reply and its next command.
///
/// Written `none`, a duration (`2s`, constant), or a mapping:
/// `{distribution: uniform, min: 1s, max: 3s}`, `{distribution: exponential, mean: 2s}`.
public enum ThinkTime: Codable, Hashable, Sendable {
    case none
    case constant(ProfileDuration)
    case uniform(min: ProfileDuration, max: ProfileDuration)
    case exponential(mean: ProfileDuration)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case distribution, value, min, max, mean
    }

    enum Distribution: String, ProfileChoice {
        case none, constant, uniform, exponential
        init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }
    }

    /// The mean pause, for reports and for estimating offered load.
    public var mean: Duration {
        switch self {
        case .none: return .zero
        case .constant(let value): return value.duration
        case .uniform(let low, let high): return (low.duration + high.duration) / 2
        case .exponential(let mean): return mean.duration
        }
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = text == "none" ? .none : try Self.constant(ProfileDuration(from: decoder))
            if case .constant(let value) = self, value.duration == .zero { self = .none }
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let distribution = try container.decode(Distribution.self, forKey: .distribution)
        switch distribution {
        case .none:
            try decoder.rejectKeys(notIn: ["distribution"], context: "think_time distribution none")
            self = .none
        case .constant:
            try decoder.rejectKeys(notIn: ["distribution", "value"], context: "think_time distribution constant")
            self = .constant(try container.decode(ProfileDuration.self, forKey: .value))
        case .uniform:
            try decoder.rejectKeys(notIn: ["distribution", "min", "max"], context: "think_time distribution uniform")
            let low = try container.decode(ProfileDuration.self, forKey: .min)
            let high = try container.decode(ProfileDuration.self, forKey: .max)
            if high < low {
                throw decoder.profileError("think_time.max (\(high)) is less than min (\(low))", key: "max")
            }
            self = .uniform(min: low, max: high)
        case .exponential:
            try decoder.rejectKeys(notIn: ["distribution", "mean"], context: "think_time distribution exponential")
            let mean = try container.decode(ProfileDuration.self, forKey: .mean)
            if mean.duration <= .zero { throw decoder.profileError("think_time.mean must be above zero", key: "mean") }
            self = .exponential(mean: mean)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .none:
            try container.encode(Distribution.none, forKey: .distribution)
        case .constant(let value):
            try container.encode(Distribution.constant, forKey: .distribution)
            try container.encode(value, forKey: .value)
        case .uniform(let low, let high):
            try container.encode(Distribution.uniform, forKey: .distribution)
            try container.encode(low, forKey: .min)
            try container.encode(high, forKey: .max)
        case .exponential(let mean):
            try container.encode(Distribution.exponential, forKey: .distribution)
            try container.encode(mean, forKey: .mean)
        }
    }
}
