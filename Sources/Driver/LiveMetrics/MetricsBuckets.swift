import Measurement

/// The fixed upper bounds (`le`, in seconds) of every duration histogram `/metrics` serves.
///
/// Fixed and documented (README, "Live metrics") so dashboards and alerts can name them; the
/// same for response time, service time and send lag, so the three compare bucket by bucket.
/// They run from 100 us (a loopback server's service time) to 60 s (past the default 30 s
/// timeout); a `+Inf` bucket follows. They are counted from the HdrHistogram slots, so a bound
/// is exact to HdrHistogram's 3 significant digits: below 2.048 ms every microsecond has its own
/// slot and counting is exact; above, a value less than 0.1% over a bound may count in it.
public enum MetricsBuckets {
    /// Upper bounds in seconds, ascending; `+Inf` is implied.
    public static let seconds: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
    ]

    /// The same bounds in microseconds, the unit histograms record.
    static let microseconds: [UInt64] = seconds.map { UInt64(($0 * 1e6).rounded()) }

    /// The bucket (index into `seconds`, or `seconds.count` for `+Inf`) of HdrHistogram slot `index`:
    /// the first bound at or above the slot's lowest value.
    static func bucket(ofSlot index: Int) -> Int {
        let value = HistogramLayout.value(atIndex: index)
        return microseconds.firstIndex { value <= $0 } ?? microseconds.count
    }
}
