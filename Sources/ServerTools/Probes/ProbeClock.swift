import NIOCore

/// Seconds between two monotonic deadlines, the only clock the probes time with.
func seconds(from start: NIODeadline, to end: NIODeadline) -> Double {
    Double((end - start).nanoseconds) / 1e9
}

/// A `TimeAmount` of `seconds`, rounded to the nanosecond.
func timeAmount(seconds: Double) -> TimeAmount {
    .nanoseconds(Int64((max(0, seconds) * 1e9).rounded()))
}
