import IMAPProtocol
import NIOCore

/// Timers, IDLE's end, and the ways a connection fails.
extension ConnectionStateMachine {
    /// The command timer of `tag` expired.
    mutating func timeoutFired(tag: String, now: NIODeadline, into actions: inout [Action]) {
        guard let position = index(ofTag: tag) else {
            lateReplyEnded(tag: tag, now: now, into: &actions)
            return
        }
        let running = inFlight.remove(at: position)
        let heldStream = writerTag == tag || idle?.tag == tag
        let limit =
            idle?.tag == tag && idle?.phase == .doneSent ? configuration.idleTimeout : configuration.commandTimeout
        let text = "no tagged response within \(Self.describe(limit))"
        actions.append(
            .complete(running.queued.promise, record(running, outcome: .timedOut, code: nil, text: text, now: now)))
        // after login, a barrier (SELECT, CLOSE, ENABLE, RAW...) that timed out may or may not have
        // changed the state; before it, the session's setup closes on any failure anyway
        let loggedIn = state == .authenticated || state == .selected
        let uncertainState =
            loggedIn && running.queued.pipelining.contains(.barrier) && running.queued.command != .logout
        guard heldStream || uncertainState else {
            // it may still run and expunge: sequence numbers and barriers wait for its late reply
            if running.queued.pipelining.contains(.mayExpunge) {
                let expires = now + configuration.commandTimeout
                lateCommands.append((tag, expires))
                actions.append(.armDeadline(expires))
            }
            writeQueued(now: now, into: &actions)
            return
        }
        // The server still expects literal bytes, or is still idling, or may or may not have
        // changed the session's state (SELECT, LOGIN...): the next command would be misread.
        writerTag = nil
        if idle != nil { actions.append(.cancelIdleEnd) }
        idle = nil
        let reason =
            heldStream
            ? "\(tag) timed out while the connection was waiting on a continuation or DONE"
            : "\(tag) timed out, and whether it changed the session's state is unknown"
        failAll(outcome: .disconnected, code: nil, text: "closed because \(reason)", now: now, into: &actions)
        setState(.closed)
        actions.append(.close(.desynchronized(reason)))
    }

    /// A timed-out command's late reply came, or waiting for it timed out too: what it held back
    /// may go now.
    mutating func lateReplyEnded(tag: String, now: NIODeadline, into actions: inout [Action]) {
        guard let position = lateCommands.firstIndex(where: { $0.tag == tag }) else { return }
        lateCommands.remove(at: position)
        writeQueued(now: now, into: &actions)
    }

    /// The planned duration of IDLE `tag` has passed.
    mutating func idleEndFired(tag: String, now: NIODeadline, into actions: inout [Action]) {
        guard let current = idle, current.tag == tag, current.phase == .idling else { return }
        endIdle(now: now, into: &actions)
    }

    /// Sends DONE; the IDLE then has `idleTimeout` to complete.
    mutating func endIdle(now: NIODeadline, into actions: inout [Action]) {
        guard let current = idle, let position = index(ofTag: current.tag) else { return }
        idle?.phase = .doneSent
        inFlight[position].bytesWritten += CommandEncoder.idleDone.count
        inFlight[position].deadline = now + configuration.idleTimeout
        actions.append(.cancelIdleEnd)
        appendWrite(CommandEncoder.idleDone, logText: nil, into: &actions)
        actions.append(.armDeadline(inFlight[position].deadline))
    }

    /// The channel is gone: everything not yet completed ends as `.disconnected`.
    mutating func channelClosed(now: NIODeadline, into actions: inout [Action]) {
        guard state != .closed else { return }
        if let bye = byeDuringLogout {
            failAll(outcome: .bye, code: bye.code, text: bye.text, now: now, into: &actions)
        }
        failAll(outcome: .disconnected, code: nil, text: "the connection was closed", now: now, into: &actions)
        setState(.closed)
    }

    /// The server sent bytes that are not IMAP (the parser threw): fail everything and close.
    mutating func protocolError(_ description: String, now: NIODeadline, into actions: inout [Action]) {
        guard state != .closed else { return }
        failAll(outcome: .protocolError, code: nil, text: description, now: now, into: &actions)
        fail(.protocolError(description), into: &actions)
    }

    /// Closes for `reason`; used before anything is in flight (a bad greeting) and after `failAll`.
    mutating func fail(_ reason: CloseReason, into actions: inout [Action]) {
        setState(.closed)
        actions.append(.close(reason))
    }

    /// Completes every in-flight and queued command with `outcome`.
    mutating func failAll(
        outcome: CommandOutcome, code: ResponseCode?, text: String, now: NIODeadline, into actions: inout [Action]
    ) {
        if idle != nil { actions.append(.cancelIdleEnd) }
        idle = nil
        writerTag = nil
        lateCommands.removeAll()
        let running = inFlight
        inFlight.removeAll()
        for command in running {
            actions.append(
                .complete(command.queued.promise, record(command, outcome: outcome, code: code, text: text, now: now)))
        }
        while let queued = queue.popFirst() {
            let record = CommandRecord(
                tag: queued.tag, kind: queued.command.kind, outcome: outcome, code: code, text: text,
                enqueued: queued.enqueued, completed: now)
            actions.append(.complete(queued.promise, record))
        }
    }

    static func describe(_ amount: TimeAmount) -> String {
        let milliseconds = amount.nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
