/// Exact percentiles of a probe step's samples (a step holds at most a few hundred thousand, so
/// sorting them is cheaper than being approximately right).
enum PercentileMath {
    /// The nearest-rank percentile of `sorted` (ascending), nil when empty.
    static func percentile(_ sorted: [UInt64], _ percent: Double) -> UInt64? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// Least-squares slope of `values` against their index (0, 1, 2...).
    static func slope(_ values: [Double]) -> Double {
        let count = Double(values.count)
        guard values.count >= 2 else { return 0 }
        let meanX = (count - 1) / 2
        let meanY = values.reduce(0, +) / count
        var numerator = 0.0
        var denominator = 0.0
        for (index, value) in values.enumerated() {
            numerator += (Double(index) - meanX) * (value - meanY)
            denominator += (Double(index) - meanX) * (Double(index) - meanX)
        }
        return denominator == 0 ? 0 : numerator / denominator
    }
}
