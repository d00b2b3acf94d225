import NIOConcurrencyHelpers
import NIOCore
import Workload

/// The open model's session arrivals: new one-shot sessions at `sessions_per_second`, spaced
/// uniformly or as a Poisson process and following the ramps, at most `cap` alive at once.
///
/// Arrival times come from the schedule, never from how fast earlier sessions finished; an
/// arrival that finds the cap reached is not delayed but dropped and counted, so a server that
/// slows logins down shows up as drops instead of a quietly lower rate.
///
/// A `--segment i/N` slice plays the whole test's schedule (same seed, whole rate) and takes
/// every N-th arrival, so N slices together make exactly the whole test's arrivals.
final class ArrivalScheduler: @unchecked Sendable {
    private let context: RunContext
    private let workers: [LoopWorker]
    private let cap: Int
    private let segment: Segment
    /// Lives on the first worker's loop.
    private var pacer: Pacer
    private var rng: SeededRandom
    /// Arrivals of the whole test's schedule so far, this slice's and the others'.
    private var ordinal = 0
    private var task: Scheduled<Void>?
    private var stopped = false
    private let alive = NIOLockedValueBox(0)
    /// Read by workers too: an arrival already on its way when the run stops does not start.
    private let ended = NIOLockedValueBox(false)

    /// `rate` is the whole test's arrival rate; `cap` this slice's share of the live sessions.
    init(
        context: RunContext, workers: [LoopWorker], rate: Double, spacing: Pacer.Spacing, cap: Int,
        segment: Segment = .whole
    ) {
        self.context = context
        self.workers = workers
        self.cap = max(1, cap)
        self.segment = segment
        self.pacer = Pacer(plan: context.plan.phases, rate: rate, spacing: spacing, offset: 0)
        self.rng = SeededRandom(seed: context.plan.seed).derived(stream: 0xA771_7A15)
    }

    private var loop: EventLoop { workers[0].eventLoop }

    func start() { loop.execute { self.scheduleNext() } }

    func stop() {
        ended.withLockedValue { $0 = true }
        loop.execute {
            self.stopped = true
            self.task?.cancel()
        }
    }

    private func scheduleNext() {
        guard !stopped, let at = pacer.next(unitExponential: Sampling.exponential(mean: 1, using: &rng)) else { return }
        task = loop.scheduleTask(deadline: context.start + .nanoseconds(Int64(at * 1e9))) {
            self.arrive()
            self.scheduleNext()
        }
    }

    private func arrive() {
        defer { ordinal += 1 }
        guard segment.owns(ordinal: ordinal) else { return }
        // after the whole test's long-lived sessions' indices, so no two sessions share a random stream
        let index = context.plan.wholeSessionCount + ordinal
        let worker = context.worker(forSession: index, among: workers)
        let admitted = alive.withLockedValue { count -> Bool in
            guard count < cap else { return false }
            count += 1
            return true
        }
        guard admitted else {
            worker.eventLoop.execute { worker.recorder.recordDropped(operation: "session-arrival") }
            return
        }
        worker.eventLoop.execute {
            if self.ended.withLockedValue({ $0 }) {
                self.alive.withLockedValue { $0 -= 1 }
                return
            }
            let session = Session(index: index, worker: worker, context: self.context, oneShot: true)
            session.onStopped = { self.alive.withLockedValue { $0 -= 1 } }
            worker.sessions.append(session)
            session.start()
        }
    }
}
