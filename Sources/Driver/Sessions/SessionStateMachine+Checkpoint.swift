import IMAPClient
import IMAPProtocol
import NIOCore

/// A checkpoint (`Consistency.CheckpointRound`): the session stops issuing the profile's
/// commands, says when it has none in flight, syncs when every session of its user is quiet,
/// reads its whole mailbox (`UID FETCH 1:* (FLAGS)`), reports, and waits to be released.
///
/// The waits are the server's and the other sessions': in the open model the commands that come
/// due meanwhile wait in the queue and count their send lag from their intended time, as any
/// other wait does.
extension SessionStateMachine {
    enum CheckpointStage {
        /// This session drew the checkpoint and asked for it; the answer comes as an event.
        case requested
        /// Told to get quiet: nothing new goes out; `drained` is said once nothing is in flight.
        case draining
        case drained
        case syncing
        case fetching
        /// The view was handed over; the release comes when every session reported.
        case reported
    }

    struct CheckpointProgress {
        var stage: CheckpointStage
        /// The profile operation's name: the checkpoint's commands are recorded under it.
        var operation: String
    }

    /// The read of the whole mailbox after the sync: every UID and every message's flags.
    static let checkpointFetch = Command.fetch(.all, items: [.flags], uid: true)

    /// The mix drew a checkpoint (`sync` is its NOOP or CHECK). With the checks off there is
    /// nothing to compare, and only the sync is sent.
    mutating func drawCheckpoint(
        _ entry: OperationEntry, sync: Command, due: NIODeadline, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) -> Bool {
        guard context.plan.checks.enabled else {
            emit(.send(sync, workloadTicket(entry, due: due, role: .workload, now: now)))
            return true
        }
        checkpoint = CheckpointProgress(stage: .requested, operation: entry.name)
        consecutiveSkips = 0
        commandsThisLife += 1
        if pacer == nil { nextDue = now }
        emit(.requestCheckpoint(sync: sync))
        return false
    }

    /// The checkpoint this session asked for did not start (`reason`): counted as a skip.
    mutating func checkpointDeclined<V: SessionConnectionView>(
        _ reason: String, view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        guard let progress = checkpoint, progress.stage == .requested else { return }
        checkpoint = nil
        emit(.recordSkipped(operation: progress.operation, reason: reason))
        if let view { pump(view, now: now, emit) }
    }

    /// A checkpoint of this session's user began: get quiet. A session on its way out says it
    /// leaves instead (its connection's end takes it out of the round).
    mutating func checkpointQuiesce<V: SessionConnectionView>(view: V?, _ emit: (SessionAction) -> Void) {
        guard hasConnection, !stopRequested, !abandoning, state == .ready || state == .connecting else {
            emit(.leaveCheckpoint)
            return
        }
        checkpoint = CheckpointProgress(stage: .draining, operation: checkpoint?.operation ?? "checkpoint")
        if idling { emit(.endIdle) }
        if let view { advanceCheckpoint(view, emit) }
    }

    /// Every session of the user is quiet: sync, then read the mailbox.
    mutating func checkpointSync<V: SessionConnectionView>(
        _ sync: Command, view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        guard var progress = checkpoint, progress.stage == .drained, let view, view.isUsable else {
            emit(.leaveCheckpoint)
            return
        }
        guard view.selectedMailbox != nil else {
            progress.stage = .reported
            checkpoint = progress
            emit(.reportCheckpoint(fetched: false))
            return
        }
        progress.stage = .syncing
        checkpoint = progress
        sendCheckpointCommand(sync, progress, now: now, emit)
    }

    /// The checkpoint is over: the profile's commands go on.
    mutating func checkpointReleased<V: SessionConnectionView>(
        view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        guard checkpoint != nil else { return }
        checkpoint = nil
        if let view { pump(view, now: now, emit) }
    }

    /// Called where the pump would send: says `drained` once nothing is in flight.
    mutating func advanceCheckpoint<V: SessionConnectionView>(_ view: V, _ emit: (SessionAction) -> Void) {
        guard var progress = checkpoint, progress.stage == .draining, state == .ready, outstanding == 0, !idling,
            !abandoning, !view.barrierInFlight
        else { return }
        progress.stage = .drained
        checkpoint = progress
        emit(.checkpointDrained)
    }

    /// The sync or the read ended.
    mutating func checkpointCommandCompleted<V: SessionConnectionView>(
        _ record: CommandRecord, _ ticket: CommandTicket, view: V?, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        if ticket.life == life && outstanding > 0 { outstanding -= 1 }
        emit(.record(record, ticket, unanswered: abandoning))
        if abandoning { return }
        if record.outcome == .timedOut {
            abandoning = hasConnection
            if hasConnection { emit(.closeAbruptly) }
            return
        }
        guard var progress = checkpoint, ticket.life == life else { return }
        switch progress.stage {
        case .syncing where record.outcome == .ok:
            progress.stage = .fetching
            checkpoint = progress
            sendCheckpointCommand(Self.checkpointFetch, progress, now: now, emit)
        case .syncing, .fetching:
            // a sync that failed is not compared; the read is, when it was answered OK
            let fetched = progress.stage == .fetching && record.outcome == .ok
            progress.stage = .reported
            checkpoint = progress
            emit(.reportCheckpoint(fetched: fetched))
        default:
            break
        }
        if state == .ending {
            finishEndingIfDrained(view: view, emit)
        } else if stopRequested {
            endLife(reconnect: false, view: view, emit)
        }
    }

    private mutating func sendCheckpointCommand(
        _ command: Command, _ progress: CheckpointProgress, now: NIODeadline, _ emit: (SessionAction) -> Void
    ) {
        outstanding += 1
        emit(
            .send(
                command,
                CommandTicket(operation: progress.operation, due: now, ownLagFrom: now, role: .checkpoint, life: life)))
    }
}
