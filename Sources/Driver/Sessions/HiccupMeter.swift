import NIOCore

/// How late one event loop runs what is due on it: the generator's own hiccups.
///
/// A timer records how late it woke. A loop that is busy (the generator is the bottleneck) or
/// not scheduled (CPU starvation) wakes it late, and every command timed on that loop is late by
/// as much. While commands complete on the loop the timer runs every `busyPeriod` (5 ms): a
/// stall of length D is recorded as at least D - 5 ms and at most D, so every stall beyond the
/// health verdict's limit (p99 above 5 ms, `HealthLimits.hiccupP99Micros`) covers a wake-up and
/// is seen; a shorter one is seen when it covers a wake-up (with probability D / 5 ms).
/// When no command completed on the loop since the last wake-up (sessions parked in IDLE, long
/// think times) it runs every `idlePeriod` (50 ms): there is nothing a stall could make late
/// but the next send, whose own send lag is measured anyway, and each wake-up costs CPU (about
/// 70 us on a 2-core VM: the 1 ms timer this replaces cost 7-10% of a core for 10 idle sessions).
final class HiccupMeter {
    /// The timer's period while commands complete on the loop.
    static let busyPeriod = TimeAmount.milliseconds(5)
    /// The timer's period while none does.
    static let idlePeriod = TimeAmount.milliseconds(50)

    private let eventLoop: EventLoop
    /// How many commands the loop has completed so far: when it moved, the loop is busy.
    private let activity: () -> UInt64
    /// Called on the loop with how late the timer woke, in nanoseconds.
    private let record: (UInt64) -> Void
    private var lastActivity: UInt64 = 0
    private var task: Scheduled<Void>?
    private var running = false

    init(eventLoop: EventLoop, activity: @escaping () -> UInt64, record: @escaping (UInt64) -> Void) {
        self.eventLoop = eventLoop
        self.activity = activity
        self.record = record
    }

    /// Starts the timer; call on the loop (the meter is confined to it).
    func start() {
        guard !running else { return }
        running = true
        lastActivity = activity()
        scheduleNext()
    }

    /// Stops the timer; call on the loop.
    func stop() {
        running = false
        task?.cancel()
        task = nil
    }

    /// The period until the next wake-up: the busy one when a command completed since the last.
    private func nextPeriod() -> TimeAmount {
        let now = activity()
        defer { lastActivity = now }
        return now != lastActivity ? Self.busyPeriod : Self.idlePeriod
    }

    private func scheduleNext() {
        guard running else { return }
        let expected = NIODeadline.now() + nextPeriod()
        task = eventLoop.assumeIsolated().scheduleTask(deadline: expected) {
            let late = NIODeadline.now() - expected
            self.record(UInt64(max(0, late.nanoseconds)))
            self.scheduleNext()
        }
    }
}
