import IMAPClient
import IMAPProtocol
import Measurement
import NIOCore
import Workload

/// One simulated IMAP client: connect, log in, select, then run the profile's operation mix,
/// pipelined up to the profile's depth, until its lifetime ends or the run stops.
///
/// Lives entirely on one event loop (its worker's); every method must run there, so nothing on
/// the per-command path takes a lock. Every end of every command becomes a sample: NO, BAD, BYE,
/// disconnects and timeouts are data.
final class Session: @unchecked Sendable {
    enum State { case waiting, connecting, ready, ending, stopped }

    let index: Int
    let worker: LoopWorker
    let context: RunContext
    var rng: SeededRandom
    private var planner: OperationPlanner
    private var connectFailures = 0
    private(set) var state: State = .waiting
    private var connection: IMAPConnection?
    private var life = 0
    private var commandsThisLife = 0
    private var lifeStartedAt = NIODeadline.now()
    private var credential: Credential
    /// Closed model: when the next command is due. Open model: intended times not yet sent.
    private var nextDue = NIODeadline.now()
    private var dueQueue = CircularBuffer<NIODeadline>(initialCapacity: 2)  // NIO's default 16 is idle weight
    private var pacer: Pacer?
    private var pacerTask: Scheduled<Void>?
    private var wakeTask: Scheduled<Void>?
    private var idling = false
    private var stopRequested = false
    /// The session gave up on its connection (a command timed out, or the run ended) and closes
    /// it: nothing more is sent on it, and what it still had in flight ends `unanswered`.
    private var abandoning = false
    private var reconnectAfterEnding = false
    /// An operation drawn but not sendable yet (RFC 3501 §5.5 ordering, or an IDLE waiting for the
    /// commands in flight): kept, so the mix stays the profile's.
    private var heldOperation: OperationEntry?
    /// Skips in a row; a mix that only skips (an empty mailbox) must not spin the loop.
    private var consecutiveSkips = 0
    /// What the session waits on the server for, if anything; the completion that ends the wait
    /// stamps `serverReleasedAt` (and, for a full pipeline, `slotFreedAt`).
    private var waitingOnServer: ServerWait?
    private enum ServerWait {
        /// No room: the pipeline is full, or an IDLE holds all of it.
        case fullPipeline
        /// A drawn operation waits for the commands in flight (RFC 3501 §5.5 ordering).
        case ordering
    }
    /// Closed model: when a full pipeline last got room again, so a command is due no earlier.
    private var slotFreedAt = NIODeadline.uptimeNanoseconds(0)
    /// When the last wait on the server ended: a command's own send lag (the generator's share)
    /// counts from here.
    private var serverReleasedAt = NIODeadline.uptimeNanoseconds(0)

    /// A session that arrived in the open model's session-rate schedule: it lives once, never reconnects.
    let oneShot: Bool
    /// Called once when the session has ended for good (the arrival cap counts on it).
    var onStopped: (() -> Void)?

    init(index: Int, worker: LoopWorker, context: RunContext, oneShot: Bool = false) {
        self.index = index
        self.oneShot = oneShot
        self.worker = worker
        self.context = context
        self.rng = SeededRandom(seed: context.plan.seed).derived(stream: UInt64(index))
        self.credential = context.credential(forSession: index, life: 0)
        self.planner = OperationPlanner(profile: context.plan.profile, user: credential.user, session: index)
        if !oneShot, case .open(_, _, _, let spacing) = context.plan.load, context.plan.commandRatePerSession > 0 {
            let offset = Double.random(in: 0..<1, using: &rng)
            pacer = Pacer(plan: context.plan.phases, rate: context.plan.commandRatePerSession, spacing: spacing, offset: offset)
        }
    }

    var behaviour: SessionBehaviour { context.behaviour }
    var isConnected: Bool { state == .ready || state == .ending }

    // MARK: Life cycle

    func start() {
        guard state == .waiting, !stopRequested else { return }
        schedulePacer()
        connect()
    }

    /// Stops issuing commands; in-flight ones drain, then LOGOUT. `abrupt` closes at once.
    func stop(abrupt: Bool) {
        stopRequested = true
        pacerTask?.cancel()
        wakeTask?.cancel()
        // due but never sent: counted as dropped, not forgotten
        for _ in 0..<dueQueue.count { worker.recorder.recordDropped(operation: "late") }
        dueQueue.removeAll()
        if abrupt {
            if let connection {
                abandoning = true
                connection.closeAbruptly()
            }
            markStopped()
            return
        }
        if idling { connection?.endIdle() }
        switch state {
        case .waiting: markStopped()
        case .ready: endLife(reconnect: false)
        default: break
        }
    }

    /// Tells the worker exactly once that this session has ended for good.
    private func markStopped() {
        guard state != .stopped else { return }
        if isConnected { worker.sessionDisconnected() }
        state = .stopped
        worker.sessionStopped(self)
        onStopped?()
    }

    private func connect() {
        state = .connecting
        credential = context.credential(forSession: index, life: life)
        if life > 0 { planner = OperationPlanner(profile: context.plan.profile, user: credential.user, session: index) }
        let started = NIODeadline.now()
        var configuration = context.plan.connection
        if let factory = context.plan.protocolLogFactory { configuration.protocolLog = factory() }
        IMAPConnection.connect(configuration, on: worker.eventLoop).whenComplete { result in
            switch result {
            case .success(let connection):
                self.recordEstablishment(connection.timings, outcome: .ok)
                self.connected(connection)
            case .failure(let error):
                self.connectFailed(error, started: started)
            }
        }
    }

    private func connectFailed(_ error: Error, started: NIODeadline) {
        let outcome: Outcome
        if let error = error as? IMAPConnectionError {
            recordEstablishment(error.timings, outcome: Self.outcome(of: error.kind))
            outcome = Self.outcome(of: error.kind)
        } else {
            outcome = .disconnected
            worker.recorder.recordPhase(.connect, nanos: Self.nanos(from: started, to: .now()), outcome: outcome)
        }
        worker.noteConnectFailure(error)
        retryAfterBackoff()
    }

    private func retryAfterBackoff() {
        guard !stopRequested, !oneShot else { markStopped(); return }
        state = .waiting
        connectFailures += 1
        let delay = TimeAmount.nanoseconds(behaviour.backoff.delay(attempt: connectFailures).nanosecondCount)
        wakeTask = worker.eventLoop.scheduleTask(in: delay) { self.state = .waiting; self.connect() }
    }

    private func connected(_ connection: IMAPConnection) {
        self.connection = connection
        if stopRequested {
            connection.closeAbruptly()
            self.connection = nil
            markStopped()
            return
        }
        connection.onUntagged = { [weak worker] response in
            if case .list(let entry) = response, let delimiter = entry.delimiter { worker?.delimiter = delimiter }
        }
        connection.closeFuture.whenComplete { _ in self.connectionClosed(connection) }
        if case .preauth = connection.greeting {
            afterLogin(connection)
            return
        }
        connection.onAutomaticCommand = { record in
            self.recordCommand(record, operation: "capability", due: record.enqueued)
        }
        connection.login(user: credential.user, password: credential.password, method: context.plan.loginMethod)
            .whenSuccess { record in
                self.recordCommand(record, operation: "login", due: record.enqueued)
                self.worker.recorder.recordPhase(.login, nanos: Self.nanos(from: record.enqueued, to: record.completed),
                                                 outcome: Self.outcome(of: record.outcome))
                if record.outcome == .ok {
                    self.afterLogin(connection)
                } else {
                    // the user name and the server's words are what a person fixes a refused login with
                    self.worker.noteLoginFailure(user: self.credential.user, answer: SessionProblems.answer(record))
                    connection.closeAbruptly()  // connectionClosed retries after the backoff
                }
            }
    }

    /// The profile's setup commands. ENABLE (RFC 5161) and ID (RFC 2971) go out only when the
    /// server advertises them (the capabilities after login count): sent anyway, the NO or BAD
    /// every session gets (Courier's ID, GNU imap4d's ENABLE) would be imapbench's own error rate.
    /// Left out, each is counted as a skipped operation and named once at the end of the run.
    private func afterLogin(_ connection: IMAPConnection) {
        var setup: [(String, Command)] = []
        let advertised = connection.capabilities
        for (name, capability, command) in [
            ("enable", "ENABLE", behaviour.enable.isEmpty ? nil : Command.enable(behaviour.enable)),
            ("id", "ID", behaviour.idFields.map { Command.id($0) }),
        ] {
            guard let command else { continue }
            if advertised.contains(capability) {
                setup.append((name, command))
            } else {
                worker.recorder.recordSkipped(operation: name, reason: "the server does not advertise \(capability)")
                worker.noteMissingCapability(capability)
            }
        }
        if let mailbox = behaviour.mailbox {
            setup.append(("select", behaviour.examine ? .examine(mailbox: mailbox) : .select(mailbox: mailbox)))
        }
        runSetup(setup[...], on: connection)
    }

    private func runSetup(_ steps: ArraySlice<(String, Command)>, on connection: IMAPConnection) {
        guard let (name, command) = steps.first else {
            becomeReady()
            return
        }
        connection.send(command).whenSuccess { record in
            self.recordCommand(record, operation: name, due: record.enqueued)
            if name == "select" {
                self.worker.recorder.recordPhase(.select, nanos: Self.nanos(from: record.enqueued, to: record.completed),
                                                 outcome: Self.outcome(of: record.outcome))
            }
            switch record.outcome {
            case .ok, .no, .bad: break
            default:
                // the connection is gone or out of step: close it; connectionClosed retries
                connection.closeAbruptly()
                return
            }
            self.runSetup(steps.dropFirst(), on: connection)
        }
    }

    private func becomeReady() {
        guard state == .connecting else { return }
        state = .ready
        connectFailures = 0
        worker.sessionConnected()
        commandsThisLife = 0
        lifeStartedAt = .now()
        nextDue = .now()
        // commands that came due while connecting and logging in waited on the server, not on us
        serverReleasedAt = lifeStartedAt
        if stopRequested { endLife(reconnect: false) } else { pump() }
    }

    /// The server (or we, after a failed login) closed the connection: the commands in flight
    /// already ended with an outcome; count the session as gone and come back after the backoff.
    private func connectionClosed(_ closed: IMAPConnection) {
        guard connection === closed else { return }
        connection = nil
        idling = false
        abandoning = false
        if state == .ready || state == .ending {
            worker.sessionDisconnected()
            life += 1
            state = .waiting  // counted once: markStopped must not count it again
        }
        if state == .stopped { return }
        retryAfterBackoff()
    }

    // MARK: Issuing commands

    private func schedulePacer() {
        guard var pacer = pacer, let at = pacer.next(unitExponential: unitExponential(using: &rng)) else { return }
        self.pacer = pacer
        let deadline = context.start + .nanoseconds(Int64(at * 1e9))
        pacerTask = worker.eventLoop.scheduleTask(deadline: deadline) {
            self.commandDue(deadline)
            self.schedulePacer()
        }
    }

    private func commandDue(_ intended: NIODeadline) {
        guard !stopRequested else { return }
        if dueQueue.count >= context.plan.maxLateCommands {
            dueQueue.removeFirst()
            worker.recorder.recordDropped(operation: "late")
        }
        dueQueue.append(intended)
        pump()
    }

    /// Sends as many commands as the pipeline and the schedule allow.
    func pump() {
        guard state == .ready, !stopRequested, !idling, !abandoning, let connection,
              connection.state != .closed, connection.state != .loggedOut else { return }
        while connection.inFlightCount + connection.queuedCount < behaviour.pipelineDepth {
            if lifeIsOver() {
                endLife(reconnect: true)
                return
            }
            guard let due = takeDue() else { return }
            guard issue(due: due, on: connection) else { return }
            if connection.inFlightCount + connection.queuedCount >= behaviour.pipelineDepth {
                waitingOnServer = .fullPipeline
            }
        }
    }

    /// The intended time of the next command, or nil when none is due yet.
    private func takeDue() -> NIODeadline? {
        if pacer != nil { return dueQueue.popFirst() }
        let now = NIODeadline.now()
        if nextDue <= now { return max(nextDue, slotFreedAt) }
        wakeTask?.cancel()
        wakeTask = worker.eventLoop.scheduleTask(deadline: nextDue) { self.pump() }
        return nil
    }

    /// Plans and sends one operation; false when the session must wait before sending more.
    private func issue(due: NIODeadline, on connection: IMAPConnection) -> Bool {
        // a boxed operation (see RunContext.chooser): drawing it is one retain, not a copy of every field
        guard let entry = heldOperation ?? context.chooser?.pick(using: &rng) else { return false }
        heldOperation = nil
        // nothing goes out beside a barrier, and during a SELECT the mailbox view is being
        // replaced: hold the drawn operation unplanned. Planned now, a FETCH would be skipped as
        // "the mailbox is empty" and a CREATE would book a name that the re-plan then replaces.
        if connection.barrierInFlight {
            hold(entry, due: due)
            return false
        }
        let facts = ConnectionMailboxFacts(connection: connection, delimiter: worker.delimiter)
        switch entry.plan(with: &planner, facts: facts, using: &rng) {
        case .skip(let reason):
            worker.recorder.recordSkipped(operation: entry.name, reason: reason)
            consecutiveSkips += 1
            if pacer == nil && consecutiveSkips >= 16 {
                // nothing sendable right now: look again in 10 ms instead of spinning
                consecutiveSkips = 0
                nextDue = NIODeadline.now() + .milliseconds(10)
                return true
            }
            advanceClosedSchedule()
            return true
        case .send(let command):
            // (no late reply of a timed-out command can hold it back: a timeout closes the connection)
            if !connection.canSendNow(command) && connection.inFlightCount > 0 {
                hold(entry, due: due)
                return false
            }
            let ownLagFrom = max(due, serverReleasedAt)
            consecutiveSkips = 0
            commandsThisLife += 1
            advanceClosedSchedule()
            let name = entry.name
            connection.send(command) { record in
                self.completed(record, operation: name, due: due, ownLagFrom: ownLagFrom)
            }
            return true
        case .idle(let duration, let endOnNewMail):
            if connection.inFlightCount > 0 {
                hold(entry, due: due)
                return false
            }
            commandsThisLife += 1
            advanceClosedSchedule()
            idling = true
            // the IDLE holds the whole pipeline: in the closed model the next command is due when
            // it ends (see `completed`), not when it began
            waitingOnServer = .fullPipeline
            let amount = TimeAmount.nanoseconds(duration.nanosecondCount)
            let name = entry.name
            let ownLagFrom = max(due, serverReleasedAt)
            connection.idle(for: amount, endOnNewMail: endOnNewMail).whenSuccess { record in
                self.idling = false
                self.completed(record, operation: name, due: due, ownLagFrom: ownLagFrom)
            }
            return false
        }
    }

    /// Keeps a drawn operation until the commands in flight complete (RFC 3501 §5.5 ordering):
    /// a wait on the server, not on the generator.
    private func hold(_ entry: OperationEntry, due: NIODeadline) {
        heldOperation = entry
        if waitingOnServer == nil { waitingOnServer = .ordering }
        putBack(due)
    }

    private func putBack(_ due: NIODeadline) {
        if pacer != nil { dueQueue.prepend(due) } else { nextDue = due }
    }

    private func advanceClosedSchedule() {
        guard pacer == nil else { return }
        // the think time follows a completion (see `completed`), not a send
        nextDue = NIODeadline.now()
    }

    private func completed(_ record: CommandRecord, operation: String, due: NIODeadline, ownLagFrom: NIODeadline) {
        recordCommand(record, operation: operation, due: due, ownLagFrom: ownLagFrom)
        if let wait = waitingOnServer {
            waitingOnServer = nil
            serverReleasedAt = record.completed
            if wait == .fullPipeline { slotFreedAt = record.completed }
        }
        if pacer == nil, behaviour.thinkTime != .none {
            nextDue = record.completed + .nanoseconds(behaviour.thinkTime.sample(using: &rng).nanosecondCount)
        }
        if abandoning { return }  // `connectionClosed` carries on once the connection is gone
        if record.outcome == .timedOut {
            abandonConnection()
            return
        }
        if state == .ending {
            finishEndingIfDrained()
        } else if stopRequested {
            endLife(reconnect: false)
        } else {
            pump()
        }
    }

    /// A command timed out: whether it ran, and what the connection's state is, are unknown, and
    /// waiting for its late reply froze the session for a second timeout before it could even
    /// LOGOUT. The session closes the connection; the commands still in flight on it are recorded
    /// `unanswered` (the server never answered them; `disconnected` would blame the server for a
    /// close the generator chose), and `connectionClosed` reconnects after the backoff, so the load
    /// keeps its shape.
    private func abandonConnection() {
        guard let connection else { return }
        abandoning = true
        connection.closeAbruptly()
    }

    private func lifeIsOver() -> Bool {
        if let limit = behaviour.lifetimeCommands, commandsThisLife >= limit { return true }
        if let seconds = behaviour.lifetimeSeconds,
           NIODeadline.now() - lifeStartedAt >= .nanoseconds(Int64(seconds * 1e9)) { return true }
        return false
    }

    // MARK: Ending a life

    /// Waits for in-flight commands, then LOGOUT (or an abrupt close), then reconnects if asked.
    private func endLife(reconnect: Bool) {
        guard state == .ready else { return }
        state = .ending
        reconnectAfterEnding = reconnect
        finishEndingIfDrained()
    }

    private func finishEndingIfDrained() {
        guard state == .ending, !abandoning, let connection, connection.inFlightCount + connection.queuedCount == 0
        else { return }
        // the server said BYE or closed while we drained: no LOGOUT to send (it would be a made-up
        // error); once closed, `connectionClosed` counts the session gone and reconnects after the backoff
        guard connection.state != .closed, connection.state != .loggedOut else {
            connection.closeAbruptly()
            return
        }
        state = .connecting
        life += 1
        worker.sessionDisconnected()
        let reconnect = reconnectAfterEnding
        let next: @Sendable () -> Void = {
            if reconnect && !self.stopRequested && !self.oneShot {
                self.connect()
            } else {
                self.markStopped()
            }
        }
        self.connection = nil
        if Double.random(in: 0..<1, using: &rng) < behaviour.abruptDisconnectProbability {
            worker.recorder.recordSkipped(operation: "logout", reason: "abrupt disconnect instead of LOGOUT")
            connection.closeAbruptly()
            next()
            return
        }
        connection.send(.logout).whenSuccess { record in
            self.recordCommand(record, operation: "logout", due: record.enqueued)
            connection.close().whenComplete { _ in next() }
        }
    }

    // MARK: Recording

    /// `ownLagFrom`: when the command was due and the server no longer held it back (see
    /// `waitingOnServer`); the generator's own send lag counts from there. The sample goes to the
    /// window the command was due in (see `ClosedWindows`).
    private func recordCommand(_ record: CommandRecord, operation: String, due: NIODeadline, ownLagFrom: NIODeadline? = nil) {
        let start = min(due, record.enqueued)
        let ownStart = min(max(start, ownLagFrom ?? start), record.firstByteWritten ?? start)
        var outcome = Self.outcome(of: record.outcome)
        var end = record.completed
        if abandoning, outcome == .disconnected {
            // the session closed the connection itself: the server never answered, and the time
            // known runs to the end of the command's window at most
            outcome = .unanswered
            if let windowEnd = worker.closedWindows.end(ofWindowContaining: start) { end = min(end, windowEnd) }
        }
        worker.recorder(forDue: start).record(CommandSample(
            command: record.kind,
            operation: operation,
            outcome: outcome,
            responseNanos: Self.nanos(from: start, to: end),
            serviceNanos: record.firstByteWritten.map { Self.nanos(from: $0, to: end) },
            sendLagNanos: record.firstByteWritten.map { Self.nanos(from: start, to: $0) },
            ownSendLagNanos: record.firstByteWritten.map { Self.nanos(from: ownStart, to: $0) },
            bytesIn: record.bytesRead,
            bytesOut: record.bytesWritten,
            untagged: record.untaggedCount))
    }

    private func recordEstablishment(_ timings: EstablishmentTimings, outcome: Outcome) {
        let recorder = worker.recorder
        let tcp = timings.tcpConnected
        recorder.recordPhase(.connect, nanos: Self.nanos(from: timings.started, to: tcp ?? .now()),
                             outcome: tcp == nil ? outcome : .ok)
        guard let tcp else { return }
        if let tls = timings.tlsHandshaked {
            recorder.recordPhase(.tlsHandshake, nanos: Self.nanos(from: tcp, to: tls), outcome: .ok)
        }
        let greetingStart = timings.tlsHandshaked ?? tcp
        if let greeting = timings.greetingReceived {
            recorder.recordPhase(.greeting, nanos: Self.nanos(from: greetingStart, to: greeting), outcome: .ok)
        } else {
            recorder.recordPhase(.greeting, nanos: Self.nanos(from: greetingStart, to: .now()), outcome: outcome)
            return
        }
        if let begun = timings.startTLSStarted {
            let end = timings.startTLSCompleted
            recorder.recordPhase(.startTLS, nanos: Self.nanos(from: begun, to: end ?? .now()),
                                 outcome: end == nil ? outcome : .ok)
        }
    }

    static func nanos(from start: NIODeadline, to end: NIODeadline) -> UInt64 {
        end > start ? UInt64((end - start).nanoseconds) : 0
    }

    static func outcome(of outcome: CommandOutcome) -> Outcome {
        switch outcome {
        case .ok: return .ok
        case .no: return .no
        case .bad: return .bad
        case .bye: return .bye
        case .disconnected: return .disconnected
        case .timedOut: return .timeout
        case .protocolError: return .protocolError
        }
    }

    static func outcome(of kind: IMAPConnectionError.Kind) -> Outcome {
        switch kind {
        case .connectTimeout, .greetingTimeout: return .timeout
        case .refused: return .bye
        case .protocolError: return .protocolError
        case .startTLSRejected: return .no
        default: return .disconnected
        }
    }
}
