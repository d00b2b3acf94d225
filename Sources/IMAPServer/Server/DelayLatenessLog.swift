import NIOConcurrencyHelpers

/// How late the server ended its injected delays: the proof of "exactly known delays".
///
/// Every delayed reply records the time between its due instant and its send. Kept only while
/// `ServerConfiguration.preciseDelays` is on (a lock per delayed command is fine at the modest
/// rates precise delays are meant for), at most `capacity` samples.
final class DelayLatenessLog: Sendable {
    private let samples = NIOLockedValueBox<[Int64]>([])
    private let capacity = 1_000_000

    func record(nanoseconds: Int64) {
        samples.withLockedValue { samples in
            if samples.count < capacity { samples.append(nanoseconds) }
        }
    }

    /// Median and maximum lateness in nanoseconds, nil before the first delayed reply.
    func summary() -> (count: Int, p50: Int64, max: Int64)? {
        let sorted = samples.withLockedValue { $0 }.sorted()
        guard let last = sorted.last else { return nil }
        return (sorted.count, sorted[sorted.count / 2], last)
    }
}
