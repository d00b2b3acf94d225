import Consistency
import Measurement
import NIOCore

/// Everything one event loop owns: its sessions, its recorder and its hiccup meter.
///
/// Per-loop recorders mean the per-command path never takes a lock; the controller collects
/// each loop's interval data once per tick (on the loop itself) and merges histograms.
final class LoopWorker: @unchecked Sendable {
    let eventLoop: EventLoop
    let recorder = LatencyRecorder()
    /// The windows already handed over; commands due in them are recorded there (see `recorder(forDue:)`).
    private(set) var closedWindows = ClosedWindows()
    /// The end of the last window handed over: a command due later is recorded as usual.
    private var latestWindowEnd = NIODeadline.uptimeNanoseconds(0)
    var sessions: [Session] = []
    /// The consistency model of this loop's users; nil when checks are off.
    var consistency: ConsistencyRegistry?
    /// The hierarchy delimiter, learned from LIST by any session of this loop.
    var delimiter: Character?
    private(set) var connectedSessions = 0
    /// The most sessions connected at once since the last snapshot: a session between two lives
    /// (reconnecting) at the moment of the snapshot must not hide that it was there.
    private var peakConnectedSessions = 0
    /// The long-lived sessions connected now, and those connected at some moment since the last
    /// snapshot. Why: one that reconnects often spends much of each life logging in (Dovecot's
    /// LOGIN is 34 ms of imaptest-default's 45), so fewer are connected at any one instant than
    /// run; each still reached the server in the interval, and the target check counts them.
    /// Open-model arrivals stay out: the target counts long-lived sessions only, and a one-shot
    /// session is freed at its end, so its identity could be handed to the next arrival.
    private var connectedIDs = Set<ObjectIdentifier>()
    private var reachedIDs = Set<ObjectIdentifier>()
    private(set) var stoppedSessions = 0
    /// Everything that went wrong opening this loop's sessions, for the end of the run.
    /// What went wrong opening this loop's sessions since the last snapshot (or `takeProblems`):
    /// each snapshot hands it on, the live progress line shows it as it happens and the run
    /// controller adds the snapshots up for the end of the run.
    private var recentProblems = SessionProblems()
    private var hiccupMeter: HiccupMeter?
    /// Commands recorded on this loop so far: the hiccup meter runs finer while it moves.
    private var completedCommands: UInt64 = 0
    /// Since the last snapshot: connected sessions integrated over time, and the mix's service
    /// nanoseconds (`recordCommand`), for the pipeline line (see `PipelineOccupancy`).
    private var connectedSessionNanos: UInt64 = 0
    private var connectedCountSince = NIODeadline.now()
    var mixServiceNanos: UInt64 = 0

    init(eventLoop: EventLoop) {
        self.eventLoop = eventLoop
    }

    /// A session logged in and is ready (`SessionAction.countConnected`); `id` is nil for a
    /// one-shot arrival (see `reachedIDs`).
    func sessionConnected(_ id: ObjectIdentifier?, at now: NIODeadline = .now()) {
        accrueConnectedTime(until: now)
        connectedSessions += 1
        peakConnectedSessions = max(peakConnectedSessions, connectedSessions)
        if let id {
            connectedIDs.insert(id)
            reachedIDs.insert(id)
        }
    }
    /// A session's life ended (`SessionAction.countDisconnected`); `id` as for `sessionConnected`.
    func sessionDisconnected(_ id: ObjectIdentifier?, at now: NIODeadline = .now()) {
        accrueConnectedTime(until: now)
        connectedSessions -= 1
        if let id { connectedIDs.remove(id) }
    }

    /// Adds the time since the count last changed, times the count, to the connected session-time.
    private func accrueConnectedTime(until now: NIODeadline) {
        let elapsed = max(0, (now - connectedCountSince).nanoseconds)
        connectedSessionNanos &+= UInt64(max(0, connectedSessions)) &* UInt64(elapsed)
        connectedCountSince = now
    }

    /// The occupancy since the last call, which starts the next.
    private func takeOccupancy(at now: NIODeadline) -> PipelineOccupancy {
        accrueConnectedTime(until: now)
        defer {
            connectedSessionNanos = 0
            mixServiceNanos = 0
        }
        return PipelineOccupancy(
            connectedSessionSeconds: Double(connectedSessionNanos) / 1e9,
            mixServiceSeconds: Double(mixServiceNanos) / 1e9)
    }
    /// A one-shot session (open-model arrival) leaves the list; a long-lived one is counted.
    func sessionStopped(_ session: Session) {
        if session.oneShot {
            sessions.removeAll { $0 === session }
        } else {
            stoppedSessions += 1
        }
    }

    func noteConnectFailure(_ error: Error) {
        let reason = String(describing: error)
        recentProblems.connectFailures[reason, default: 0] += 1
    }

    /// A login the server refused: `answer` is its tagged response ("NO [AUTHENTICATIONFAILED] ...").
    func noteLoginFailure(user: String, answer: String) {
        recentProblems.noteLoginFailure(user: user, answer: answer)
    }

    /// A setup command left out because the server does not advertise `capability`.
    func noteMissingCapability(_ capability: String) {
        recentProblems.missingCapabilities[capability, default: 0] += 1
    }

    /// The problems since the last snapshot, handed over at the end of the run (a connect that
    /// failed after the last interval still counts).
    func takeProblems() -> SessionProblems {
        defer { recentProblems = SessionProblems() }
        return recentProblems
    }

    /// Starts this loop's hiccup meter (see `HiccupMeter`): when the loop is busy (the generator
    /// is the bottleneck) this is where it shows. Call on the loop.
    func startHiccupMeter() {
        if hiccupMeter == nil {
            hiccupMeter = HiccupMeter(eventLoop: eventLoop, activity: { [unowned self] in completedCommands }) {
                [recorder] in recorder.recordHiccup(nanos: $0)
            }
        }
        hiccupMeter?.start()
    }

    func stopHiccupMeter() {
        hiccupMeter?.stop()
    }

    /// Where a command due at `due` is recorded: with its window, even when that one was handed over.
    /// Every completed command asks once, so this is also where the hiccup meter learns the loop is busy.
    func recorder(forDue due: NIODeadline) -> LatencyRecorder {
        // the per-command path: one comparison while the command's window is still open
        completedCommands &+= 1
        guard due < latestWindowEnd else { return recorder }
        return closedWindows.recorder(forDue: due, current: recorder)
    }

    /// This loop's share of one interval; called on the loop. `windowEnd`: the interval ends a
    /// window (a phase, or the run cut short), whose late commands are from now on kept apart.
    func takeSnapshot(closingWindowAt windowEnd: NIODeadline? = nil, at now: NIODeadline = .now()) -> WorkerSnapshot {
        if let windowEnd {
            closedWindows.close(at: windowEnd)
            latestWindowEnd = max(latestWindowEnd, windowEnd)
        }
        defer {
            peakConnectedSessions = connectedSessions
            reachedIDs = connectedIDs
            recentProblems = SessionProblems()
        }
        return WorkerSnapshot(
            interval: recorder.takeInterval(), connected: connectedSessions, stopped: stoppedSessions,
            sessions: sessions.count, reached: max(reachedIDs.count, peakConnectedSessions, connectedSessions),
            occupancy: takeOccupancy(at: now), problems: recentProblems)
    }
}

/// One loop's interval data and session counts.
struct WorkerSnapshot: Sendable {
    var interval: IntervalData
    var connected: Int
    var stopped: Int
    var sessions: Int
    /// The sessions connected during the interval: the long-lived ones connected at some moment
    /// of it, or the most connected at once (arrivals included), whichever is more.
    var reached: Int
    var occupancy = PipelineOccupancy()
    /// What went wrong opening sessions since the previous snapshot.
    var problems = SessionProblems()
}
