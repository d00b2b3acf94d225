import Histogram

/// A compact, mergeable copy of a latency histogram: only the non-empty counts slots.
///
/// A live HdrHistogram of the shared layout is ~190 KB; a run keeps one per series and
/// interval, so stored intervals use this form (a few hundred slots at most). Slots are
/// `HistogramLayout` indices, so merging is exact and encoding to V2 needs no conversion.
public struct SparseHistogram: Codable, Sendable, Equatable {
    /// Counts slot indices, strictly ascending.
    public private(set) var indices: [Int32] = []
    /// Count for each entry of `indices`.
    public private(set) var counts: [UInt64] = []
    /// Total number of recorded values.
    public private(set) var totalCount: UInt64 = 0
    /// Exact largest value recorded, in microseconds (0 when empty).
    public private(set) var maxValue: UInt64 = 0

    public init() {}

    /// Copies the non-empty slots of a live histogram (one pass over its counts).
    public init(_ histogram: Histogram<UInt64>) {
        guard histogram.totalCount > 0 else { return }
        for item in histogram.recordedValues() {
            indices.append(Int32(HistogramLayout.countsIndex(for: item.value)))
            counts.append(item.count)
        }
        totalCount = histogram.totalCount
        maxValue = histogram.maxRecorded
    }

    /// Builds from explicit slot counts (used by the V2 decoder); zero counts are skipped.
    public init(slotCounts: [(index: Int, count: UInt64)], maxValue: UInt64?) {
        for slot in slotCounts.sorted(by: { $0.index < $1.index }) where slot.count > 0 {
            if let last = indices.last, Int(last) == slot.index {
                counts[counts.count - 1] += slot.count
            } else {
                indices.append(Int32(slot.index))
                counts.append(slot.count)
            }
            totalCount += slot.count
        }
        let topBucketValue =
            indices.last.map {
                HistogramLayout.highestEquivalent(HistogramLayout.value(atIndex: Int($0)))
            } ?? 0
        // The exact maximum is kept only when it is consistent with the top bucket.
        if let maxValue, let top = indices.last, HistogramLayout.countsIndex(for: maxValue) == Int(top) {
            self.maxValue = maxValue
        } else {
            self.maxValue = topBucketValue
        }
    }

    /// True when nothing was recorded.
    public var isEmpty: Bool { totalCount == 0 }

    /// Adds `value` `count` times (slow path; tests and synthetic data).
    public mutating func record(_ value: UInt64, count: UInt64 = 1) {
        var single = SparseHistogram()
        single.indices = [Int32(HistogramLayout.countsIndex(for: value))]
        single.counts = [count]
        single.totalCount = count
        single.maxValue = value
        add(single)
    }

    /// Adds another histogram's counts: the exact merge HdrHistogram defines, never an average.
    public mutating func add(_ other: SparseHistogram) {
        guard !other.isEmpty else { return }
        guard !isEmpty else { self = other; return }
        var mergedIndices: [Int32] = []
        var mergedCounts: [UInt64] = []
        mergedIndices.reserveCapacity(indices.count + other.indices.count)
        mergedCounts.reserveCapacity(indices.count + other.indices.count)
        var left = 0
        var right = 0
        while left < indices.count || right < other.indices.count {
            let takeLeft =
                right >= other.indices.count || (left < indices.count && indices[left] <= other.indices[right])
            let takeRight =
                left >= indices.count || (right < other.indices.count && other.indices[right] <= indices[left])
            let index = takeLeft ? indices[left] : other.indices[right]
            var count: UInt64 = 0
            if takeLeft { count += counts[left]; left += 1 }
            if takeRight { count += other.counts[right]; right += 1 }
            mergedIndices.append(index)
            mergedCounts.append(count)
        }
        indices = mergedIndices
        counts = mergedCounts
        totalCount += other.totalCount
        maxValue = Swift.max(maxValue, other.maxValue)
    }

    /// Rebuilds a live histogram of the shared layout.
    public func histogram() -> Histogram<UInt64> {
        var result = HistogramLayout.makeHistogram()
        for (index, count) in zip(indices, counts) {
            result.record(HistogramLayout.value(atIndex: Int(index)), count: count)
        }
        return result
    }

    /// Smallest value recorded, as the lowest value of the lowest bucket.
    public var minValue: UInt64 {
        indices.first.map { HistogramLayout.value(atIndex: Int($0)) } ?? 0
    }

    /// Mean in microseconds, from bucket midpoints as HdrHistogram computes it.
    public var mean: Double {
        guard totalCount > 0 else { return 0 }
        var sum = 0.0
        for (index, count) in zip(indices, counts) {
            sum += Double(HistogramLayout.medianEquivalent(HistogramLayout.value(atIndex: Int(index)))) * Double(count)
        }
        return sum / Double(totalCount)
    }

    /// Values at many percentiles in a single pass (HdrHistogram's rule: the highest value of
    /// the bucket where the cumulative count first reaches ceil(p% of total), capped at max).
    public func values(atPercentiles percentiles: [Double]) -> [UInt64] {
        guard totalCount > 0 else { return percentiles.map { _ in 0 } }
        let order = percentiles.indices.sorted { percentiles[$0] < percentiles[$1] }
        var result = [UInt64](repeating: 0, count: percentiles.count)
        var slot = 0
        var cumulative: UInt64 = 0
        for position in order {
            let percentile = Swift.min(Swift.max(percentiles[position], 0), 100)
            let target = Swift.max(1, UInt64((percentile.nextDown * Double(totalCount) / 100).rounded(.up)))
            while slot < indices.count && cumulative + counts[slot] < target {
                cumulative += counts[slot]
                slot += 1
            }
            let index = Swift.min(slot, indices.count - 1)
            let bucketTop = HistogramLayout.highestEquivalent(HistogramLayout.value(atIndex: Int(indices[index])))
            result[position] = percentile >= 100 ? maxValue : Swift.min(bucketTop, maxValue)
        }
        return result
    }

    /// Value at one percentile (prefer `values(atPercentiles:)` for tables).
    public func value(atPercentile percentile: Double) -> UInt64 {
        values(atPercentiles: [percentile])[0]
    }
}
