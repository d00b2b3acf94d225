import IMAPClient
import NIOCore

/// What a completed command changes, and the end of a life (drain, LOGOUT, reconnect).
extension SessionStateMachine {
    /// A command the driver sent for `ticket` ended (answered, failed, timed out or cut off).
    /// `view`: the session's connection, nil when it has none any more.
    mutating func commandCompleted<V: SessionConnectionView>(
        _ record: CommandRecord, _ ticket: CommandTicket, view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        switch ticket.role {
        case .setup: setupCompleted(record, ticket, view: view, now: now, emit)
        case .logout: emit(.record(record, ticket, unanswered: abandoning))
        case .workload, .idle: workloadCompleted(record, ticket, view: view, now: now, emit)
        case .checkpoint: checkpointCommandCompleted(record, ticket, view: view, now: now, emit)
        }
    }

    private mutating func workloadCompleted<V: SessionConnectionView>(
        _ record: CommandRecord, _ ticket: CommandTicket, view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        if ticket.role == .idle { idling = false }
        if ticket.life == life && outstanding > 0 { outstanding -= 1 }
        emit(.record(record, ticket, unanswered: abandoning))
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
            abandonConnection(emit)
            return
        }
        if state == .ending {
            finishEndingIfDrained(view: view, emit)
        } else if stopRequested {
            endLife(reconnect: false, view: view, emit)
        } else if let view {
            pump(view, now: now, emit)
        }
    }

    /// A command timed out: whether it ran, and what the connection's state is, are unknown, and
    /// waiting for its late reply froze the session for a second timeout before it could even
    /// LOGOUT. The session closes the connection; the commands still in flight on it are recorded
    /// `unanswered` (the server never answered them; `disconnected` would blame the server for a
    /// close the generator chose), and `connectionClosed` reconnects after the backoff, so the load
    /// keeps its shape.
    private mutating func abandonConnection(_ emit: (SessionAction) -> Void) {
        guard hasConnection else { return }
        abandoning = true
        emit(.closeAbruptly)
    }

    // MARK: Ending a life

    /// Waits for in-flight commands, then LOGOUT (or an abrupt close), then reconnects if asked.
    mutating func endLife<V: SessionConnectionView>(reconnect: Bool, view: V?, _ emit: (SessionAction) -> Void) {
        guard state == .ready else { return }
        setState(.ending)
        reconnectAfterEnding = reconnect
        finishEndingIfDrained(view: view, emit)
    }

    mutating func finishEndingIfDrained<V: SessionConnectionView>(view: V?, _ emit: (SessionAction) -> Void) {
        guard state == .ending, !abandoning, hasConnection, let view, outstanding == 0 else { return }
        // the server said BYE or closed while we drained: no LOGOUT to send (it would be a made-up
        // error); once closed, `connectionClosed` counts the session gone and reconnects after the backoff
        guard view.isUsable else {
            emit(.closeAbruptly)
            return
        }
        setState(.connecting)
        life += 1
        emit(.countDisconnected)
        hasConnection = false
        if Double.random(in: 0..<1, using: &rng) < behaviour.abruptDisconnectProbability {
            emit(.recordSkipped(operation: "logout", reason: "abrupt disconnect instead of LOGOUT"))
            emit(.discardConnection)
            lifeEnded(emit)
            return
        }
        emit(.logout(setupTicket("logout", role: .logout)))
    }

    /// The connection of the life that ended is closed (after LOGOUT, or dropped): the next one
    /// opens, or the session stops.
    mutating func lifeEnded(_ emit: (SessionAction) -> Void) {
        if reconnectAfterEnding && !stopRequested && !oneShot {
            connect(emit)
        } else {
            markStopped(emit)
        }
    }
}
