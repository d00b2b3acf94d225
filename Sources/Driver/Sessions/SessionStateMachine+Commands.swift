import IMAPClient
import IMAPProtocol
import NIOCore
import Workload

/// Issuing the profile's commands: the open model's pacer, the closed model's schedule, the
/// pipeline, and what a completion changes.
extension SessionStateMachine {
    /// Open model: asks for the next intended send time.
    mutating func schedulePacer(_ emit: (SessionAction) -> Void) {
        guard var pacer, let at = pacer.next(unitExponential: unitExponential(using: &rng)) else { return }
        self.pacer = pacer
        emit(.schedulePacer(context.start + .nanoseconds(Int64(at * 1e9))))
    }

    /// Open model: a command's intended time came.
    mutating func pacerFired<V: SessionConnectionView>(
        intended: NIODeadline, view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        commandDue(intended, view: view, now: now, emit)
        schedulePacer(emit)
    }

    private mutating func commandDue<V: SessionConnectionView>(
        _ intended: NIODeadline, view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        guard !stopRequested else { return }
        if dueQueue.count >= context.plan.maxLateCommands {
            dueQueue.removeFirst()
            emit(.recordDropped(count: 1))
        }
        dueQueue.append(intended)
        if let view { pump(view, now: now, emit) }
    }

    /// Closed model: the next command's due time came.
    mutating func wakeFired<V: SessionConnectionView>(view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void) {
        if let view { pump(view, now: now, emit) }
    }

    /// Sends as many commands as the pipeline and the schedule allow.
    mutating func pump<V: SessionConnectionView>(_ view: V, now: NIODeadline, _ emit: (SessionAction) -> Void) {
        guard state == .ready, !stopRequested, !idling, !abandoning, hasConnection, view.isUsable else { return }
        if checkpoint != nil {
            advanceCheckpoint(view, emit)
            return
        }
        let depth = behaviour.pipelineDepth
        while outstanding < depth {
            if lifeIsOver(now: now) {
                endLife(reconnect: true, view: view, emit)
                return
            }
            guard let due = takeDue(now: now, emit) else { return }
            guard issue(due: due, view: view, now: now, emit) else { return }
            if outstanding >= depth { waitingOnServer = .fullPipeline }
        }
    }

    /// The intended time of the next command, or nil when none is due yet.
    private mutating func takeDue(now: NIODeadline, _ emit: (SessionAction) -> Void) -> NIODeadline? {
        if pacer != nil { return dueQueue.popFirst() }
        if let issueUntil, now >= issueUntil { return nil }  // the session's stop follows
        if nextDue <= now { return max(nextDue, slotFreedAt) }
        emit(.scheduleWake(nextDue))
        return nil
    }

    /// Plans and sends one operation; false when the session must wait before sending more.
    private mutating func issue<V: SessionConnectionView>(
        due: NIODeadline, view: V, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) -> Bool {
        // a boxed operation (see RunContext.chooser): drawing it is one retain, not a copy of every field
        guard let entry = heldOperation ?? context.pickOperation(using: &rng) else { return false }
        heldOperation = nil
        // nothing goes out beside a barrier, and during a SELECT the mailbox view is being
        // replaced: hold the drawn operation unplanned. Planned now, a FETCH would be skipped as
        // "the mailbox is empty" and a CREATE would book a name that the re-plan then replaces.
        if view.barrierInFlight {
            hold(entry, due: due)
            return false
        }
        switch entry.plan(with: &planner, facts: view, using: &rng) {
        case .skip(let reason):
            emit(.recordSkipped(operation: entry.name, reason: reason))
            consecutiveSkips += 1
            if pacer == nil && consecutiveSkips >= 16 {
                // nothing sendable right now: look again in 10 ms instead of spinning
                consecutiveSkips = 0
                nextDue = now + .milliseconds(10)
                return true
            }
            advanceClosedSchedule(now: now)
            return true
        case .send(let command):
            // (no late reply of a timed-out command can hold it back: a timeout closes the connection)
            if outstanding > 0 && !view.canSendNow(command) {
                hold(entry, due: due)
                return false
            }
            emit(.send(command, workloadTicket(entry, due: due, role: .workload, now: now)))
            return true
        case .idle(let duration, let endOnNewMail):
            if outstanding > 0 {
                hold(entry, due: due)
                return false
            }
            idling = true
            let ticket = workloadTicket(entry, due: due, role: .idle, now: now)
            // the IDLE holds the whole pipeline: in the closed model the next command is due when
            // it ends (see `commandCompleted`), not when it began
            waitingOnServer = .fullPipeline
            emit(.idle(duration: .nanoseconds(duration.nanosecondCount), endOnNewMail: endOnNewMail, ticket))
            return false
        case .checkpoint(let sync):
            // every session of the user goes quiet first: this one too, before it asks
            if outstanding > 0 && context.plan.checks.enabled {
                hold(entry, due: due)
                return false
            }
            return drawCheckpoint(entry, sync: sync, due: due, now: now, emit)
        }
    }

    /// Counts one command sent now and names it for its completion.
    mutating func workloadTicket(
        _ entry: OperationEntry, due: NIODeadline, role: CommandTicket.Role, now: NIODeadline
    ) -> CommandTicket {
        let ownLagFrom = max(due, serverReleasedAt)
        consecutiveSkips = 0
        commandsThisLife += 1
        outstanding += 1
        advanceClosedSchedule(now: now)
        return CommandTicket(operation: entry.name, due: due, ownLagFrom: ownLagFrom, role: role, life: life)
    }

    /// Keeps a drawn operation until the commands in flight complete (RFC 3501 §5.5 ordering):
    /// a wait on the server, not on the generator.
    private mutating func hold(_ entry: OperationEntry, due: NIODeadline) {
        heldOperation = entry
        if waitingOnServer == nil { waitingOnServer = .ordering }
        if pacer != nil { dueQueue.prepend(due) } else { nextDue = due }
    }

    /// Closed model: the think time follows a completion (see `commandCompleted`), not a send;
    /// until then the next command is due at once.
    private mutating func advanceClosedSchedule(now: NIODeadline) {
        guard pacer == nil else { return }
        nextDue = now
    }

    private func lifeIsOver(now: NIODeadline) -> Bool {
        if let limit = behaviour.lifetimeCommands, commandsThisLife >= limit { return true }
        if let seconds = behaviour.lifetimeSeconds, now - lifeStartedAt >= .nanoseconds(Int64(seconds * 1e9)) {
            return true
        }
        return false
    }
}
