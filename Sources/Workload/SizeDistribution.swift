/// Message sizes drawn from a log-normal distribution, as mailbox studies find: most messages
/// a few KB to a few tens of KB, a tail of attachments into megabytes.
///
/// Written `{median: 20KB, sigma: 1.2, min: 1KB, max: 8MB}`; every key optional.
public struct SizeDistribution: Codable, Hashable, Sendable {
    public var median: ByteSize
    /// The standard deviation of ln(size); 0 makes every message `median` bytes.
    public var sigma: Double
    public var min: ByteSize
    public var max: ByteSize

    enum CodingKeys: String, CodingKey, CaseIterable {
        case median, sigma, min, max
    }

    public init(
        median: ByteSize = ByteSize(20 * 1024), sigma: Double = 1.2, min: ByteSize = ByteSize(1024),
        max: ByteSize = ByteSize(8 << 20)
    ) {
        self.median = median
        self.sigma = sigma
        self.min = min
        self.max = max
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SizeDistribution()
        self.init(
            median: try container.decodeIfPresent(ByteSize.self, forKey: .median) ?? defaults.median,
            sigma: try container.decodeIfPresent(Double.self, forKey: .sigma) ?? defaults.sigma,
            min: try container.decodeIfPresent(ByteSize.self, forKey: .min) ?? defaults.min,
            max: try container.decodeIfPresent(ByteSize.self, forKey: .max) ?? defaults.max)
        let path = decoder.profilePath
        if median.bytes < 1 { throw decoder.profileError("\(path).median must be above zero", key: "median") }
        if !(sigma >= 0 && sigma <= 5) {
            throw decoder.profileError("\(path).sigma must be between 0 and 5, found \(sigma)", key: "sigma")
        }
        if max < min { throw decoder.profileError("\(path).max (\(max)) is less than min (\(min))", key: "max") }
        if median < min || median > max {
            throw decoder.profileError(
                "\(path).median (\(median)) must lie between min (\(min)) and max (\(max))", key: "median")
        }
    }
}
