import Measurement

/// One Prometheus histogram series: counts per fixed bucket (not yet cumulative), count and sum.
struct BucketCounts: Sendable, Equatable {
    /// One count per bound of `MetricsBuckets.seconds`, then the `+Inf` bucket.
    private(set) var counts = [UInt64](repeating: 0, count: MetricsBuckets.seconds.count + 1)
    private(set) var count: UInt64 = 0
    /// Seconds, from HdrHistogram bucket midpoints (as its mean is computed); values above the
    /// histogram's top are counted in `+Inf` but add nothing here, since their value is unknown.
    private(set) var sumSeconds = 0.0

    /// Adds every value of an interval's histogram.
    mutating func add(_ histogram: SparseHistogram) {
        for (index, slotCount) in zip(histogram.indices, histogram.counts) {
            counts[MetricsBuckets.bucket(ofSlot: Int(index))] += slotCount
            let middle = HistogramLayout.medianEquivalent(HistogramLayout.value(atIndex: Int(index)))
            sumSeconds += Double(middle) * Double(slotCount) / 1e6
        }
        count += histogram.totalCount
    }

    /// Adds values above the histogram's top (an hour): only `+Inf` holds them.
    mutating func addOutOfRange(_ values: UInt64) {
        counts[counts.count - 1] += values
        count += values
    }

    /// The cumulative counts Prometheus wants: values at or below each bound, `+Inf` last (= count).
    var cumulative: [UInt64] {
        var running: UInt64 = 0
        return counts.map {
            running += $0; return running
        }
    }
}
