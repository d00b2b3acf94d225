import NIOCore

/// How late one event loop runs what is due on it: the generator's own hiccups.
///
/// A timer every `period` records how late it woke. A loop that is busy (the generator is the
/// bottleneck) or not scheduled (CPU starvation) wakes it late, and every command timed on that
/// loop is late by as much. Resolution: a stall of length D is recorded as at least D - period
/// and at most D; a stall shorter than the period is seen when it covers a wake-up (with
/// probability D / period). With a 5 ms period every stall the health verdict cares about
/// (p99 above 5 ms, `HealthLimits.hiccupP99Micros`) covers a wake-up, and each loop wakes 200
/// times a second for it instead of the 1,000 of a 1 ms timer: on an idle run those wake-ups
/// were most of the generator's CPU.
final class HiccupMeter {
    /// The timer's period; see the type's comment for what it can and cannot see.
    static let period = TimeAmount.milliseconds(5)

    private let eventLoop: EventLoop
    private let period: TimeAmount
    /// Called on the loop with how late the timer woke, in nanoseconds.
    private let record: (UInt64) -> Void
    private var task: Scheduled<Void>?
    private var running = false

    init(eventLoop: EventLoop, period: TimeAmount = HiccupMeter.period, record: @escaping (UInt64) -> Void) {
        self.eventLoop = eventLoop
        self.period = period
        self.record = record
    }

    /// Starts the timer; call on the loop (the meter is confined to it).
    func start() {
        guard !running else { return }
        running = true
        scheduleNext()
    }

    /// Stops the timer; call on the loop.
    func stop() {
        running = false
        task?.cancel()
        task = nil
    }

    private func scheduleNext() {
        guard running else { return }
        let expected = NIODeadline.now() + period
        task = eventLoop.assumeIsolated().scheduleTask(deadline: expected) {
            let late = NIODeadline.now() - expected
            self.record(UInt64(max(0, late.nanoseconds)))
            self.scheduleNext()
        }
    }
}
