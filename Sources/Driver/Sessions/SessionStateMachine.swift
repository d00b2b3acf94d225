import IMAPClient
import IMAPProtocol
import Measurement
import NIOCore
import Workload

/// The whole logic of one simulated IMAP client as a value: events in, actions out, no I/O.
///
/// Connect, log in, select, then run the profile's operation mix, pipelined up to the profile's
/// depth, until its lifetime ends or the run stops; reconnect after a backoff when a connection
/// is lost. `Session` feeds it what happens (a command completed, a timer fired, the connection
/// closed) with the time it happened, and carries out the `SessionAction`s it emits. The clock is
/// the caller's: every event takes `now`, so tests drive the machine with made-up times and a
/// fake connection, without sockets, and the live path reads the clock once per event.
///
/// Every end of every command becomes a sample: NO, BAD, BYE, disconnects and timeouts are data.
struct SessionStateMachine {
    enum State { case waiting, connecting, ready, ending, stopped }

    /// What the session waits on the server for, if anything; the completion that ends the wait
    /// stamps `serverReleasedAt` (and, for a full pipeline, `slotFreedAt`).
    enum ServerWait {
        /// No room: the pipeline is full, or an IDLE holds all of it.
        case fullPipeline
        /// A drawn operation waits for the commands in flight (RFC 3501 §5.5 ordering).
        case ordering
    }

    let index: Int
    let context: RunContext
    /// A session that arrived in the open model's session-rate schedule: it lives once, never reconnects.
    let oneShot: Bool
    var rng: SeededRandom
    var planner: OperationPlanner
    var credential: Credential
    private(set) var state: State = .waiting
    var connectFailures = 0
    /// Connections opened so far; a completion from an earlier one changes no count.
    var life = 0
    /// The driver holds a connection this machine still uses (its close is news).
    var hasConnection = false
    /// Commands sent on the current connection and not completed: the one place the pipeline
    /// depth is enforced.
    var outstanding = 0
    var commandsThisLife = 0
    var lifeStartedAt = NIODeadline.uptimeNanoseconds(0)
    /// Closed model: when the next command is due.
    var nextDue = NIODeadline.uptimeNanoseconds(0)
    /// Open model: intended times come due but not sent yet.
    var dueQueue = DueQueue()
    /// Open model (a command rate) only; nil runs the closed model's think-time schedule.
    var pacer: Pacer?
    var idling = false
    var stopRequested = false
    /// The session gave up on its connection (a command timed out, or the run ended) and closes
    /// it: nothing more is sent on it, and what it still had in flight ends `unanswered`.
    var abandoning = false
    var reconnectAfterEnding = false
    /// The setup commands (ENABLE, ID, SELECT) still to send after login.
    var setupSteps: ArraySlice<SetupStep> = []
    /// An operation drawn but not sendable yet (RFC 3501 §5.5 ordering, or an IDLE waiting for the
    /// commands in flight): kept, so the mix stays the profile's.
    var heldOperation: OperationEntry?
    /// Skips in a row; a mix that only skips (an empty mailbox) must not spin the loop.
    var consecutiveSkips = 0
    var waitingOnServer: ServerWait?
    /// Closed model: when a full pipeline last got room again, so a command is due no earlier.
    var slotFreedAt = NIODeadline.uptimeNanoseconds(0)
    /// When the last wait on the server ended: a command's own send lag (the generator's share)
    /// counts from here.
    var serverReleasedAt = NIODeadline.uptimeNanoseconds(0)
    /// A checkpoint this session takes part in; nil when none runs (see `+Checkpoint`).
    var checkpoint: CheckpointProgress?
    /// Closed model: no command is due at or after this (the ramp-down or, without one, the end
    /// of the hold). Left to the stop that follows, a busy loop went on issuing for milliseconds,
    /// and those commands counted in the drain.
    let issueUntil: NIODeadline?

    /// One setup command after login, named as its samples are.
    struct SetupStep {
        var name: String
        var command: Command
    }

    init(index: Int, context: RunContext, oneShot: Bool = false) {
        self.index = index
        self.context = context
        self.oneShot = oneShot
        self.rng = SeededRandom(seed: context.plan.seed).derived(stream: UInt64(index))
        self.credential = context.credential(forSession: index, life: 0)
        self.planner = OperationPlanner(
            profile: context.plan.profile, user: credential.user, session: index, runTag: context.runTag)
        let plan = context.plan
        issueUntil = context.closedSchedule(forSession: index).map {
            context.start + .nanoseconds(Int64($0.stop * 1e9))
        }
        if !oneShot, case .open(_, _, _, let spacing) = plan.load, plan.commandRatePerSession > 0 {
            let offset = Double.random(in: 0..<1, using: &rng)
            pacer = Pacer(plan: plan.phases, rate: plan.commandRatePerSession, spacing: spacing, offset: offset)
        }
    }

    var behaviour: SessionBehaviour { context.behaviour }
    var isConnected: Bool { state == .ready || state == .ending }

    // MARK: Life cycle

    /// The session's start time came: pacing begins and the first connection opens.
    mutating func start(_ emit: (SessionAction) -> Void) {
        guard state == .waiting, !stopRequested else { return }
        schedulePacer(emit)
        connect(emit)
    }

    /// Stops issuing commands; in-flight ones drain, then LOGOUT. `abrupt` closes at once.
    mutating func stop<V: SessionConnectionView>(abrupt: Bool, view: V?, _ emit: (SessionAction) -> Void) {
        stopRequested = true
        emit(.cancelTimers)
        // due but never sent: counted as dropped, not forgotten
        if !dueQueue.isEmpty { emit(.recordDropped(count: dueQueue.count)) }
        dueQueue.removeAll()
        if abrupt {
            if hasConnection {
                abandoning = true
                emit(.closeAbruptly)
            }
            markStopped(emit)
            return
        }
        if idling { emit(.endIdle) }
        switch state {
        case .waiting: markStopped(emit)
        case .ready: endLife(reconnect: false, view: view, emit)
        default: break
        }
    }

    /// Tells the worker exactly once that this session has ended for good.
    mutating func markStopped(_ emit: (SessionAction) -> Void) {
        guard state != .stopped else { return }
        if isConnected { emit(.countDisconnected) }
        state = .stopped
        emit(.stopped)
    }

    mutating func setState(_ newState: State) { state = newState }

    /// Nanoseconds from `start` to `end`, 0 when `end` is not later.
    static func nanos(from start: NIODeadline, to end: NIODeadline) -> UInt64 {
        end > start ? UInt64((end - start).nanoseconds) : 0
    }
}

extension SessionStateMachine {
    /// The open model's intended times come due but not sent yet, oldest first.
    ///
    /// Allocated by the first time that comes due: only open-model sessions use it, and even two
    /// slots of a `CircularBuffer` are some 80 bytes per session (NIO's default of 16, more).
    struct DueQueue {
        private var storage: CircularBuffer<NIODeadline>?

        var isEmpty: Bool { storage?.isEmpty ?? true }
        var count: Int { storage?.count ?? 0 }

        mutating func append(_ due: NIODeadline) {
            if storage == nil { storage = CircularBuffer(initialCapacity: 2) }
            storage!.append(due)
        }

        mutating func prepend(_ due: NIODeadline) {
            if storage == nil { storage = CircularBuffer(initialCapacity: 2) }
            storage!.prepend(due)
        }

        /// Precondition: not empty.
        @discardableResult
        mutating func removeFirst() -> NIODeadline { storage!.removeFirst() }

        mutating func popFirst() -> NIODeadline? { storage?.popFirst() }

        /// Keeps the storage: a session that had times due is an open-model one and will again.
        mutating func removeAll() { storage?.removeAll(keepingCapacity: true) }
    }
}
