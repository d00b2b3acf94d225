import Consistency
import IMAPClient
import IMAPProtocol
import Measurement
import NIOCore

/// One simulated IMAP client on its worker's event loop: the I/O side of `SessionStateMachine`.
///
/// The machine decides everything; this class owns what it cannot (the connection, the timers,
/// the recorder), feeds it each event with the time read once, and carries out the actions it
/// emits. Every method runs on the worker's loop, so nothing on the per-command path takes a lock.
final class Session: @unchecked Sendable {
    let worker: LoopWorker
    /// Kept beside the machine: actions run while the machine is being changed, and must not read it.
    private let context: RunContext
    let index: Int
    /// A session that arrived in the open model's session-rate schedule: it lives once, never reconnects.
    let oneShot: Bool
    fileprivate var machine: SessionStateMachine
    private var connection: IMAPConnection?
    private var pacerTask: Scheduled<Void>?
    private var wakeTask: Scheduled<Void>?
    private var reconnectTask: Scheduled<Void>?
    /// The consistency checks of the current connection; nil when checks are off.
    private var checker: SessionChecker?
    /// What each command in flight was sent for; its slot comes back with its record.
    private var tickets = TicketSlots()
    /// Called once when the session has ended for good (the arrival cap counts on it).
    var onStopped: (() -> Void)?

    init(index: Int, worker: LoopWorker, context: RunContext, oneShot: Bool = false) {
        self.worker = worker
        self.context = context
        self.index = index
        self.oneShot = oneShot
        self.machine = SessionStateMachine(index: index, context: context, oneShot: oneShot)
    }

    /// The connection as the machine may read it; nil when the session has none.
    fileprivate var view: LiveConnectionView? {
        connection.map { LiveConnectionView(connection: $0, delimiter: worker.delimiter) }
    }

    // MARK: Events

    /// True while the machine handles an event. An action can call back at once (a future that
    /// already completed, a send on a connection just closed); such an event waits for the next
    /// tick of the loop instead of entering the machine twice (an exclusivity violation).
    fileprivate var busy = false

    func start() {
        if busy { worker.eventLoop.execute { self.start() }; return }
        busy = true
        defer { busy = false }
        machine.start(perform)
    }

    /// Stops issuing commands; in-flight ones drain, then LOGOUT. `abrupt` closes at once.
    func stop(abrupt: Bool) {
        if busy { worker.eventLoop.execute { self.stop(abrupt: abrupt) }; return }
        busy = true
        defer { busy = false }
        machine.stop(abrupt: abrupt, view: view, perform)
    }

    private func connected(_ connection: IMAPConnection) {
        if busy { worker.eventLoop.execute { self.connected(connection) }; return }
        self.connection = connection
        connection.onUntagged = { [weak worker] response in
            if case .list(let entry) = response, let delimiter = entry.delimiter { worker?.delimiter = delimiter }
        }
        connection.onAutomaticCommand = { record in self.automaticCommandCompleted(record) }
        if let registry = worker.consistency {
            let checker = registry.checker(user: machine.credential.user, session: index, participant: self)
            connection.exchangeObserver = checker
            self.checker = checker
        }
        connection.closeFuture.whenComplete { _ in self.connectionClosed(connection) }
        var preauthenticated = false
        if case .preauth = connection.greeting { preauthenticated = true }
        let view = LiveConnectionView(connection: connection, delimiter: worker.delimiter)
        busy = true
        defer { busy = false }
        machine.connected(preauthenticated: preauthenticated, view: view, now: .now(), perform)
    }

    private func connectFailed() {
        if busy { worker.eventLoop.execute { self.connectFailed() }; return }
        busy = true
        defer { busy = false }
        machine.connectFailed(perform)
    }

    private func loginCompleted(_ record: CommandRecord, on connection: IMAPConnection) {
        if busy { worker.eventLoop.execute { self.loginCompleted(record, on: connection) }; return }
        let view = LiveConnectionView(connection: connection, delimiter: worker.delimiter)
        busy = true
        defer { busy = false }
        machine.loginCompleted(record, view: view, now: .now(), perform)
    }

    private func automaticCommandCompleted(_ record: CommandRecord) {
        if busy { worker.eventLoop.execute { self.automaticCommandCompleted(record) }; return }
        busy = true
        defer { busy = false }
        machine.automaticCommandCompleted(record, perform)
    }

    private func completed(_ record: CommandRecord, _ ticket: CommandTicket) {
        if busy { worker.eventLoop.execute { self.completed(record, ticket) }; return }
        checker?.abandoned(tag: record.tag)  // a no-op when the tagged answer came
        busy = true
        defer { busy = false }
        machine.commandCompleted(record, ticket, view: view, now: .now(), perform)
    }

    /// Only the current connection's close is news (one given up for LOGOUT or dropped is not).
    private func connectionClosed(_ closed: IMAPConnection) {
        if busy { worker.eventLoop.execute { self.connectionClosed(closed) }; return }
        guard connection === closed else { return }
        connection = nil
        endChecks()
        busy = true
        defer { busy = false }
        machine.connectionClosed(perform)
    }

    private func checkpointDeclined(_ reason: String) {
        if busy { worker.eventLoop.execute { self.checkpointDeclined(reason) }; return }
        busy = true
        defer { busy = false }
        machine.checkpointDeclined(reason, view: view, now: .now(), perform)
    }

    private func lifeEnded() {
        if busy { worker.eventLoop.execute { self.lifeEnded() }; return }
        busy = true
        defer { busy = false }
        machine.lifeEnded(perform)
    }

    /// Timers fire from the loop itself, never inside an event: no re-entry to guard.
    private func wakeFired() {
        busy = true
        defer { busy = false }
        machine.wakeFired(view: view, now: .now(), perform)
    }

    private func reconnectFired() {
        busy = true
        defer { busy = false }
        machine.reconnectFired(perform)
    }

    private func pacerFired(_ intended: NIODeadline) {
        busy = true
        defer { busy = false }
        machine.pacerFired(intended: intended, view: view, now: .now(), perform)
    }

    // MARK: Actions

    /// Carries out one action of the machine. Re-entrant by design: an action may complete
    /// synchronously and feed the machine the next event.
    fileprivate func perform(_ action: SessionAction) {
        switch action {
        case .connect: open()
        case .login(let credential): login(credential)
        case .send(let command, let ticket):
            guard let connection else { break }
            connection.send(command, receiver: self, slot: tickets.put(ticket))
        case .idle(let duration, let endOnNewMail, let ticket):
            guard let connection else { break }
            connection.idle(for: duration, endOnNewMail: endOnNewMail, receiver: self, slot: tickets.putAlone(ticket))
        case .endIdle: connection?.endIdle()
        case .logout(let ticket): logout(ticket)
        case .closeAbruptly: connection?.closeAbruptly()
        case .discardConnection:
            connection?.closeAbruptly()
            connection = nil
            endChecks()
        case .scheduleWake(let deadline):
            wakeTask?.cancel()
            wakeTask = worker.eventLoop.scheduleTask(deadline: deadline) { self.wakeFired() }
        case .scheduleReconnect(let delay):
            reconnectTask = worker.eventLoop.scheduleTask(in: delay) { self.reconnectFired() }
        case .schedulePacer(let deadline):
            pacerTask = worker.eventLoop.scheduleTask(deadline: deadline) { self.pacerFired(deadline) }
        case .requestCheckpoint(let sync):
            if let checker {
                if let reason = checker.requestCheckpoint(sync: sync) { checkpointDeclined(reason) }
            } else {
                checkpointDeclined("the session has no connection")
            }
        case .checkpointDrained: checker?.checkpointDrained()
        case .reportCheckpoint(let fetched): checker?.checkpointFetched(fetched ? connection?.mailbox : nil)
        case .leaveCheckpoint: checker?.leaveCheckpoint()
        case .countConnected: worker.sessionConnected(oneShot ? nil : ObjectIdentifier(self))
        case .countDisconnected: worker.sessionDisconnected(oneShot ? nil : ObjectIdentifier(self))
        case .cancelTimers:
            pacerTask?.cancel()
            wakeTask?.cancel()
            reconnectTask?.cancel()
        default: worker.perform(action)
        }
        if case .stopped = action {
            worker.sessionStopped(self)
            onStopped?()
        }
    }

    private func open() {
        let started = NIODeadline.now()
        let plan = context.plan
        var configuration = plan.connection
        // the session machine keeps at most the profile's depth outstanding: the one place it is enforced
        configuration.pipelineDepth = .max
        if let factory = plan.protocolLogFactory { configuration.protocolLog = factory() }
        IMAPConnection.connect(configuration, on: worker.eventLoop).whenComplete { result in
            switch result {
            case .success(let connection):
                self.worker.recordEstablishment(connection.timings, outcome: .ok)
                self.connected(connection)
            case .failure(let error):
                self.worker.recordConnectFailure(error, started: started)
                self.connectFailed()
            }
        }
    }

    /// The connection is given up: what it had in flight is no longer judged.
    private func endChecks() {
        checker?.connectionEnded()
        checker = nil
    }

    private func login(_ credential: Credential) {
        guard let connection else { return }
        connection.login(user: credential.user, password: credential.password, method: context.plan.loginMethod)
            .whenSuccess { record in self.loginCompleted(record, on: connection) }
    }

    private func logout(_ ticket: CommandTicket) {
        guard let connection else { return }
        self.connection = nil
        endChecks()
        connection.send(.logout) { record in
            self.completed(record, ticket)
            connection.close().whenComplete { _ in self.lifeEnded() }
        }
    }
}

/// A checkpoint's news reaches the machine at the loop's next tick, never inside the event that
/// caused it (the round calls every session of the user from one of them).
extension Session: CheckpointParticipant {
    func checkpointQuiesce() {
        worker.eventLoop.execute {
            self.busy = true
            defer { self.busy = false }
            self.machine.checkpointQuiesce(view: self.view, self.perform)
        }
    }

    func checkpointSync(_ sync: Command) {
        worker.eventLoop.execute {
            self.busy = true
            defer { self.busy = false }
            self.machine.checkpointSync(sync, view: self.view, now: .now(), self.perform)
        }
    }

    func checkpointReleased() {
        worker.eventLoop.execute {
            self.busy = true
            defer { self.busy = false }
            self.machine.checkpointReleased(view: self.view, now: .now(), self.perform)
        }
    }
}

extension Session: CommandCompletionReceiver {
    func commandCompleted(_ record: CommandRecord, slot: Int) {
        completed(record, tickets.take(slot))
    }
}
