import Consistency
import Foundation
import Measurement
import NIOCore
import NIOPosix
import PreciseTiming

/// Runs one benchmark: sessions on every event loop, phases, interval collection and the stop.
///
/// The controller's own thread only ticks once per interval: it asks each loop for its
/// interval data (on that loop), merges the histograms and hands them to the collector.
public final class RunController: @unchecked Sendable {
    /// One line of live progress, called once per interval.
    public typealias ProgressSink = @Sendable (ProgressLine) -> Void

    private let plan: RunPlan
    private let behaviour: SessionBehaviour
    private let collector: RunCollector
    private let progress: ProgressSink
    /// Loops lent by the caller (who shuts them down); nil starts `plan.threads` of its own.
    private let lentGroup: EventLoopGroup?
    private let lock = NSLock()
    private var stopState = StopState.running
    /// Process CPU seconds at the previous tick: intervals carry the CPU they used, not the total.
    private var lastCPUSeconds = ProcessStats.cpuSeconds()
    /// Seconds since the start up to which intervals have been collected: the next starts here.
    private var collectedUntil = 0.0
    /// The collector's index of the last interval of each window (phase) handed over so far, in
    /// order: where the commands due in it that end later are added (see `ClosedWindows`).
    private var closedWindowIntervals: [Int] = []

    enum StopState { case running, graceful, immediate }

    /// `eventLoopGroup` runs the sessions on loops the caller owns, for example the ones an
    /// in-process embedded server serves on; by default the run starts `plan.threads` loops.
    public init(
        plan: RunPlan, behaviour: SessionBehaviour, collector: RunCollector, eventLoopGroup: EventLoopGroup? = nil,
        progress: @escaping ProgressSink
    ) {
        self.lentGroup = eventLoopGroup
        self.plan = plan
        self.behaviour = behaviour
        self.collector = collector
        self.progress = progress
    }

    /// Everything that went wrong opening sessions (connects, logins, capabilities the setup
    /// needed), added up from the intervals; complete once `run()` returned: a run where nothing
    /// could connect must say why.
    public private(set) var sessionProblems = SessionProblems()

    /// Asks the run to stop: gracefully the first time, immediately when `immediate`.

    public func requestStop(immediate: Bool) {
        lock.withLock { stopState = immediate ? .immediate : (stopState == .running ? .graceful : stopState) }
    }

    private var currentStop: StopState { lock.withLock { stopState } }

    public func run() async throws -> RunResult {
        ProcessStats.raiseOpenFileLimit()
        let group = lentGroup ?? MultiThreadedEventLoopGroup(numberOfThreads: max(1, plan.threads))
        await PreciseTimers.apply(to: group)
        let workers = (0..<max(1, plan.threads)).map { _ in LoopWorker(eventLoop: group.next()) }
        let start = NIODeadline.now() + .milliseconds(50)
        let context = RunContext(plan: plan, behaviour: behaviour, start: start)
        let wallStart = Date().addingTimeInterval(0.05)
        if plan.checks.enabled { installConsistency(on: workers, start: start) }
        let sessions = makeSessions(context: context, workers: workers)
        for worker in workers { try await worker.eventLoop.submit { worker.startHiccupMeter() }.get() }
        scheduleSessionStarts(sessions, context: context)
        let arrivals = makeArrivals(context: context, workers: workers)
        arrivals?.start()

        let interrupted = try await tick(workers: workers, start: start, wallStart: wallStart)
        arrivals?.stop()
        if interrupted {
            // the interval cut short by Ctrl-C ends now, in its own phase; the drain that follows
            // is its own interval and must not stretch a measured one (its rate would drop)
            await collectUntilNow(workers: workers, start: start, wallStart: wallStart, closingWindow: true)
        }
        try await stopSessions(workers: workers, start: start, wallStart: wallStart)
        for worker in workers { try? await worker.eventLoop.submit { worker.stopHiccupMeter() }.get() }
        for worker in workers {
            if let problems = try? await worker.eventLoop.submit({ worker.takeProblems() }).get() {
                sessionProblems.merge(problems)
            }
        }
        let checks = await collectChecks(workers: workers)
        if lentGroup == nil { try? await group.shutdownGracefully() }
        var result = collector.finish(endWall: Date(), interrupted: interrupted)
        result.checks = checks
        return result
    }

    /// One consistency model per loop; a violation's time counts from the run's start.
    private func installConsistency(on workers: [LoopWorker], start: NIODeadline) {
        let severities = plan.checks.severities
        for worker in workers {
            let loop = worker.eventLoop
            worker.consistency = ConsistencyRegistry(
                severities: severities,
                clock: { Double(Int64(NIODeadline.now().uptimeNanoseconds) - Int64(start.uptimeNanoseconds)) / 1e9 },
                schedule: { seconds, body in loop.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) { body() } })
        }
    }

    /// Every loop's violations added up; nil when the checks were off.
    private func collectChecks(workers: [LoopWorker]) async -> CheckTally? {
        guard plan.checks.enabled else { return nil }
        var tally = CheckTally(severities: plan.checks.severities)
        for worker in workers {
            if let part = try? await worker.eventLoop.submit({ worker.consistency?.takeTally() }).get() {
                tally.merge(part)
            }
        }
        return tally
    }

    /// The long-lived sessions: all of the closed model's; in the open model, the connections the
    /// command rate is spread over (none when only a session arrival rate is set).
    /// Each keeps its index in the whole test (`RunPlan.sessionIndices`), so a slice runs exactly
    /// its sessions of the whole test.
    private func makeSessions(context: RunContext, workers: [LoopWorker]) -> [Session] {
        plan.longLivedSessionIndices.map { index in
            let worker = context.worker(forSession: index, among: workers)
            let session = Session(index: index, worker: worker, context: context)
            worker.sessions.append(session)
            return session
        }
    }

    private func makeArrivals(context: RunContext, workers: [LoopWorker]) -> ArrivalScheduler? {
        guard case .open(let cap, _, _, let spacing) = plan.load, case .open(_, _, let wholeRate, _) = plan.wholeLoad,
            wholeRate > 0
        else { return nil }
        return ArrivalScheduler(
            context: context, workers: workers, rate: wholeRate, spacing: spacing, cap: cap,
            segment: plan.segment)
    }

    /// Closed model: each session starts and stops as `RunContext.closedSchedule` says. Open
    /// model: every connection starts at once; the pacer shapes the rate.
    private func scheduleSessionStarts(_ sessions: [Session], context: RunContext) {
        for session in sessions {
            let loop = session.worker.eventLoop
            guard let schedule = context.closedSchedule(forSession: session.index) else {
                _ = loop.scheduleTask(deadline: context.start) { session.start() }
                continue
            }
            _ = loop.scheduleTask(deadline: context.start + .nanoseconds(Int64(schedule.start * 1e9))) {
                session.start()
            }
            // the session also issues nothing due after `stop` (SessionStateMachine.issueUntil):
            // this timer can fire late on a busy loop, and the controller's own stop later still
            _ = loop.scheduleTask(deadline: context.start + .nanoseconds(Int64(schedule.stop * 1e9))) {
                session.stop(abrupt: false)
            }
        }
    }

    /// How often the tick looks for a stop request between intervals: often enough that Ctrl-C
    /// feels prompt, rarely enough that an idle run does not wake for it (it woke 20 times a second).
    static let stopCheckNanoseconds: Int64 = 200_000_000

    /// Collects one interval per tick until the plan ends or a stop is requested; true when interrupted.
    /// Intervals end every `intervalSeconds` and at phase boundaries (`PhasePlan.intervalEnds`).
    private func tick(workers: [LoopWorker], start: NIODeadline, wallStart: Date) async throws -> Bool {
        var offset = 0.0
        while let end = plan.phases.intervalEnd(after: offset, every: plan.intervalSeconds) {
            let tickAt = start + .nanoseconds(Int64(end * 1e9))
            while NIODeadline.now() < tickAt {
                if currentStop != .running { return true }
                let remaining = tickAt - NIODeadline.now()
                try await Task.sleep(nanoseconds: UInt64(max(0, min(remaining.nanoseconds, Self.stopCheckNanoseconds))))
            }
            let endsWindow = plan.phases.phase(at: end) != plan.phases.phase(at: offset)
            await collect(
                workers: workers, offset: offset, length: max(0.001, end - offset), wallStart: wallStart,
                windowEnd: endsWindow ? tickAt : nil)
            offset = end
        }
        return false
    }

    /// Drains and logs out every session, collecting what they measure meanwhile as one `drain`
    /// interval of its real length (a profile without a ramp-down once showed it as `ramp_down`).
    private func stopSessions(workers: [LoopWorker], start: NIODeadline, wallStart: Date) async throws {
        let immediate = currentStop == .immediate
        for worker in workers {
            worker.eventLoop.execute { worker.sessions.forEach { $0.stop(abrupt: immediate) } }
        }
        let deadline = NIODeadline.now() + .nanoseconds(Int64(plan.drainSeconds * 1e9))
        while NIODeadline.now() < deadline, currentStop != .immediate {
            if try await allStopped(workers) { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        for worker in workers {
            try await worker.eventLoop.submit { worker.sessions.forEach { $0.stop(abrupt: true) } }.get()
        }
        // abrupt closes run as tasks after the submit above: a second round on every loop lets
        // the commands they fail reach the recorders before the last snapshot
        for _ in 0..<2 {
            for worker in workers { try await worker.eventLoop.submit {}.get() }
        }
        await collectUntilNow(workers: workers, start: start, wallStart: wallStart, phase: .drain)
        await addLateSamples(workers: workers)
    }

    /// The interval from the last one collected to now (after a stop, it ends off the tick grid);
    /// `closingWindow` when it ends its window early (the run was interrupted).
    private func collectUntilNow(
        workers: [LoopWorker], start: NIODeadline, wallStart: Date, phase: RunPhase? = nil, closingWindow: Bool = false
    ) async {
        let now = NIODeadline.now()
        let elapsed = Double((now - start).nanoseconds) / 1e9
        await collect(
            workers: workers, offset: collectedUntil, length: max(0.001, elapsed - collectedUntil),
            wallStart: wallStart, phase: phase, windowEnd: closingWindow ? now : nil)
    }

    /// Every command counts in the window it was due in: those that ended after their window was
    /// handed over (answered late, timed out, or given up at the end) join its last interval.
    private func addLateSamples(workers: [LoopWorker]) async {
        for worker in workers {
            guard let late = try? await worker.eventLoop.submit({ worker.closedWindows.takeLateSamples() }).get()
            else { continue }
            for (interval, data) in zip(closedWindowIntervals, late) { collector.addLate(data, toInterval: interval) }
        }
    }

    private func allStopped(_ workers: [LoopWorker]) async throws -> Bool {
        for worker in workers {
            let done = try await worker.eventLoop.submit { worker.stoppedSessions >= worker.sessions.count }.get()
            if !done { return false }
        }
        return true
    }

    /// `phase`: the interval's label when not the phase of the plan at `offset` (the drain).
    /// `windowEnd`: the interval is the last of its window (see `ClosedWindows`).
    private func collect(
        workers: [LoopWorker], offset: Double, length: Double, wallStart: Date, phase label: RunPhase? = nil,
        windowEnd: NIODeadline? = nil
    ) async {
        var merged: IntervalData? = nil
        var connected = 0
        var peak = 0
        var occupancy = PipelineOccupancy()
        var problems = SessionProblems()
        for worker in workers {
            guard
                let snapshot = try? await worker.eventLoop.submit({ worker.takeSnapshot(closingWindowAt: windowEnd) })
                    .get()
            else { continue }
            connected += snapshot.connected
            peak += snapshot.reached
            occupancy.merge(snapshot.occupancy)
            problems.merge(snapshot.problems)
            if merged == nil { merged = snapshot.interval } else { merged!.merge(snapshot.interval) }
        }
        sessionProblems.merge(problems)
        guard let interval = merged else { return }
        if windowEnd != nil { closedWindowIntervals.append(collector.intervalCount) }
        collectedUntil = offset + length
        let phase = plan.phases.phase(at: offset)
        let cpu = ProcessStats.cpuSeconds()
        defer { lastCPUSeconds = cpu }
        collector.add(
            interval: interval, startWall: wallStart.addingTimeInterval(offset), startOffset: offset, length: length,
            sessions: connected, phase: label ?? RunPhase(phase), processCPUSeconds: cpu - lastCPUSeconds,
            openFiles: ProcessStats.openFiles(), peakSessions: peak, pipelineOccupancy: occupancy)
        progress(
            ProgressLine(
                elapsed: offset + length, total: plan.phases.total, phase: phase,
                connected: connected, target: plan.sessionCount, interval: interval, length: length,
                problems: problems))
    }
}
