import IMAPClient
import IMAPProtocol
import Measurement
import NIOCore
import Workload

/// Opening a life: connect, log in, the setup commands, and coming back after a lost connection.
extension SessionStateMachine {
    mutating func connect(_ emit: (SessionAction) -> Void) {
        setState(.connecting)
        credential = context.credential(forSession: index, life: life)
        if life > 0 {
            planner = OperationPlanner(
                profile: context.plan.profile, user: credential.user, session: index, runTag: context.runTag)
        }
        emit(.connect(credential))
    }

    /// The connection is open (greeting received). `preauthenticated`: the greeting was PREAUTH.
    mutating func connected<V: SessionConnectionView>(
        preauthenticated: Bool, view: V, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        if stopRequested {
            emit(.discardConnection)
            markStopped(emit)
            return
        }
        hasConnection = true
        if preauthenticated {
            afterLogin(view, now: now, emit)
        } else {
            emit(.login(credential))
        }
    }

    /// The connection could not be opened (the driver recorded the phases that failed).
    mutating func connectFailed(_ emit: (SessionAction) -> Void) {
        retryAfterBackoff(emit)
    }

    /// The backoff after a failure ended.
    mutating func reconnectFired(_ emit: (SessionAction) -> Void) {
        guard state == .waiting, !stopRequested else { return }
        connect(emit)
    }

    /// A command the connection sent on its own (the CAPABILITY after a login without capabilities).
    func automaticCommandCompleted(_ record: CommandRecord, _ emit: (SessionAction) -> Void) {
        emit(.record(record, setupTicket("capability"), unanswered: abandoning))
    }

    mutating func loginCompleted<V: SessionConnectionView>(
        _ record: CommandRecord, view: V, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        emit(.record(record, setupTicket("login"), unanswered: abandoning))
        emit(
            .recordPhase(
                .login, nanos: Self.nanos(from: record.enqueued, to: record.completed),
                outcome: Outcome(record.outcome)))
        if record.outcome == .ok {
            afterLogin(view, now: now, emit)
        } else {
            // the user name and the server's words are what a person fixes a refused login with
            emit(.noteLoginRefused(user: credential.user, answer: SessionProblems.answer(record)))
            emit(.closeAbruptly)  // connectionClosed retries after the backoff
        }
    }

    /// The profile's setup commands. ENABLE (RFC 5161) and ID (RFC 2971) go out only when the
    /// server advertises them (the capabilities after login count): sent anyway, the NO or BAD
    /// every session gets (Courier's ID, GNU imap4d's ENABLE) would be imapbench's own error rate.
    /// Left out, each is counted as a skipped operation and named once at the end of the run.
    private mutating func afterLogin<V: SessionConnectionView>(
        _ view: V, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        var steps: [SetupStep] = []
        let advertised = view.capabilities
        let optional: [(String, String, Command?)] = [
            ("enable", "ENABLE", behaviour.enable.isEmpty ? nil : Command.enable(behaviour.enable)),
            ("id", "ID", behaviour.idFields.map { Command.id($0) }),
        ]
        for (name, capability, command) in optional {
            guard let command else { continue }
            if advertised.contains(capability) {
                steps.append(SetupStep(name: name, command: command))
            } else {
                emit(.recordSkipped(operation: name, reason: "the server does not advertise \(capability)"))
                emit(.noteMissingCapability(capability))
            }
        }
        if let mailbox = behaviour.mailbox {
            steps.append(
                SetupStep(
                    name: "select", command: behaviour.examine ? .examine(mailbox: mailbox) : .select(mailbox: mailbox))
            )
        }
        setupSteps = steps[...]
        sendNextSetupStep(view, now: now, emit)
    }

    private mutating func sendNextSetupStep<V: SessionConnectionView>(
        _ view: V, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        guard let step = setupSteps.popFirst() else {
            // an empty slice still holds the steps' whole array, for the life of the connection
            setupSteps = []
            becomeReady(view, now: now, emit)
            return
        }
        emit(.send(step.command, setupTicket(step.name)))
    }

    /// One setup command ended: on to the next, unless the connection is gone or out of step.
    mutating func setupCompleted<V: SessionConnectionView>(
        _ record: CommandRecord, _ ticket: CommandTicket, view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        emit(.record(record, ticket, unanswered: abandoning))
        if ticket.operation == "select" {
            emit(
                .recordPhase(
                    .select, nanos: Self.nanos(from: record.enqueued, to: record.completed),
                    outcome: Outcome(record.outcome)))
        }
        switch record.outcome {
        case .ok, .no, .bad: break
        default:
            // the connection is gone or out of step: close it; connectionClosed retries
            emit(.closeAbruptly)
            return
        }
        guard let view, ticket.life == life else { return }
        sendNextSetupStep(view, now: now, emit)
    }

    private mutating func becomeReady<V: SessionConnectionView>(
        _ view: V, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        guard state == .connecting else { return }
        setState(.ready)
        connectFailures = 0
        emit(.countConnected)
        commandsThisLife = 0
        lifeStartedAt = now
        nextDue = now
        // commands that came due while connecting and logging in waited on the server, not on us
        serverReleasedAt = now
        if stopRequested {
            endLife(reconnect: false, view: view, emit)
        } else {
            pump(view, now: now, emit)
        }
    }

    /// The server (or we, after a failed login or a timeout) closed the connection: the commands
    /// in flight already ended with an outcome; count the session as gone and come back after
    /// the backoff.
    mutating func connectionClosed(_ emit: (SessionAction) -> Void) {
        hasConnection = false
        idling = false
        abandoning = false
        outstanding = 0
        setupSteps = []
        checkpoint = nil  // the connection's end took it out of the round
        if isConnected {
            emit(.countDisconnected)
            life += 1
            setState(.waiting)  // counted once: markStopped must not count it again
        }
        if state == .stopped { return }
        retryAfterBackoff(emit)
    }

    mutating func retryAfterBackoff(_ emit: (SessionAction) -> Void) {
        guard !stopRequested, !oneShot else {
            markStopped(emit)
            return
        }
        setState(.waiting)
        connectFailures += 1
        emit(.scheduleReconnect(.nanoseconds(behaviour.backoff.delay(attempt: connectFailures).nanosecondCount)))
    }

    /// Setup, login and LOGOUT are timed from when the connection queued them.
    func setupTicket(_ operation: String, role: CommandTicket.Role = .setup) -> CommandTicket {
        CommandTicket(operation: operation, due: nil, ownLagFrom: nil, role: role, life: life)
    }
}
