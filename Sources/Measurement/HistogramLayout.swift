import Histogram

/// The one histogram configuration used everywhere in imapbench.
///
/// Every histogram holds latencies in **microseconds**, from 1 us to 1 hour, with 3 significant
/// digits. One configuration everywhere is what makes merging exact (HdrHistogram's `add`
/// traps on differing layouts) and what lets a reader of `latency.hlog` rebuild identical
/// buckets. The bucket arithmetic below mirrors HdrHistogram's for this configuration so the
/// V2 codec and the sparse form can address counts by index without the library's internals.
public enum HistogramLayout {
    /// Lowest discernible value: 1 microsecond.
    public static let lowestDiscernibleValue: UInt64 = 1
    /// Highest trackable value: one hour in microseconds.
    public static let highestTrackableValue: UInt64 = 3_600_000_000
    /// Significant decimal digits kept in every bucket.
    public static let significantDigits = 3

    static let subBucketHalfCountMagnitude = 10
    static let subBucketHalfCount = 1 << subBucketHalfCountMagnitude
    static let subBucketCount = 2 * subBucketHalfCount
    static let subBucketMask = UInt64(subBucketCount - 1)
    static let leadingZeroCountBase = 64 - 11

    /// Number of counts slots a histogram of this layout has (the V2 decoder's upper bound).
    public static let countsLength: Int = {
        var smallestUntrackable = UInt64(subBucketCount)
        var buckets = 1
        while smallestUntrackable <= highestTrackableValue {
            smallestUntrackable <<= 1
            buckets += 1
        }
        return (buckets + 1) * subBucketHalfCount
    }()

    /// A new, empty histogram in the shared configuration.
    ///
    /// A copy of one empty histogram: the library's initializer fills the ~24,000 counts one
    /// unspecialised generic call at a time (2% of the generator's CPU in `imaptest-default`,
    /// where every loop starts dozens of histograms per interval); a copy shares the buffer and
    /// duplicates it with one memcpy on its first record.
    public static func makeHistogram() -> Histogram<UInt64> {
        emptyHistogram
    }

    private static let emptyHistogram = Histogram<UInt64>(
        lowestDiscernibleValue: lowestDiscernibleValue,
        highestTrackableValue: highestTrackableValue,
        numberOfSignificantValueDigits: .three
    )

    /// Converts a nanosecond duration to the microseconds recorded, rounding to nearest.
    @inline(__always)
    public static func microseconds(fromNanoseconds nanos: UInt64) -> UInt64 {
        nanos / 1000 &+ (nanos % 1000 >= 500 ? 1 : 0)
    }

    static func bucketIndex(_ value: UInt64) -> Int {
        leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
    }

    /// The counts index that holds `value`.
    public static func countsIndex(for value: UInt64) -> Int {
        let bucket = bucketIndex(value)
        let subBucket = Int(value >> UInt64(bucket))
        return ((bucket + 1) << subBucketHalfCountMagnitude) + subBucket - subBucketHalfCount
    }

    /// The lowest value that lands in counts slot `index`.
    public static func value(atIndex index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << UInt64(bucket)
    }

    /// Width of the bucket holding `value`.
    public static func equivalentRangeSize(_ value: UInt64) -> UInt64 {
        let bucket = bucketIndex(value)
        let subBucket = Int(value >> UInt64(bucket))
        return UInt64(1) << UInt64(subBucket >= subBucketCount ? bucket + 1 : bucket)
    }

    /// Largest value equivalent to `value` (what HdrHistogram reports for a percentile).
    public static func highestEquivalent(_ value: UInt64) -> UInt64 {
        lowestEquivalent(value) + equivalentRangeSize(value) - 1
    }

    /// Smallest value equivalent to `value`.
    public static func lowestEquivalent(_ value: UInt64) -> UInt64 {
        let bucket = bucketIndex(value)
        return (value >> UInt64(bucket)) << UInt64(bucket)
    }

    /// Middle of the bucket holding `value` (HdrHistogram's basis for the mean).
    public static func medianEquivalent(_ value: UInt64) -> UInt64 {
        lowestEquivalent(value) + equivalentRangeSize(value) / 2
    }
}
