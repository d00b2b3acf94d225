/// The summary of one histogram: the numbers every table and CSV shows, in microseconds.
public struct LatencyStatistics: Codable, Sendable, Equatable {
    public var count: UInt64
    public var min: UInt64
    public var mean: Double
    public var p50: UInt64
    public var p90: UInt64
    public var p99: UInt64
    public var p99_9: UInt64
    public var p99_99: UInt64
    public var max: UInt64

    /// The percentiles of the summary, in column order.
    public static let percentiles: [Double] = [50, 90, 99, 99.9, 99.99]

    /// Whether `samples` values resolve the percentile: at least one sample must lie above it,
    /// n * (1 - p/100) >= 1 (p99 needs 100 samples, p99.9 1,000). Below that the percentile is
    /// just the maximum, and a change in it is a change in one sample.
    public static func resolves(percentile: Double, samples: UInt64) -> Bool {
        percentile >= 100 || (1 - percentile / 100) * Double(samples) >= 1 - 1e-9
    }

    /// Computes every statistic in one pass over the histogram.
    public init(_ histogram: SparseHistogram) {
        let values = histogram.values(atPercentiles: Self.percentiles)
        count = histogram.totalCount
        min = histogram.minValue
        mean = histogram.mean
        p50 = values[0]
        p90 = values[1]
        p99 = values[2]
        p99_9 = values[3]
        p99_99 = values[4]
        max = histogram.maxValue
    }

    /// The value of a named statistic (`p99`, `p99.9`, `max`, `mean`...), for thresholds.
    public func value(named name: String) -> Double? {
        switch name.lowercased() {
        case "min": return Double(min)
        case "mean", "avg": return mean
        case "p50", "median": return Double(p50)
        case "p90": return Double(p90)
        case "p99": return Double(p99)
        case "p99.9", "p999": return Double(p99_9)
        case "p99.99", "p9999": return Double(p99_99)
        case "max": return Double(max)
        default: return nil
        }
    }
}
