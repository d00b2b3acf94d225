import IMAPProtocol
import NIOCore

/// Routing each parsed response to the command it belongs to.
extension ConnectionStateMachine {
    /// One complete response of `byteCount` bytes whose first byte arrived at `startedAt`.
    mutating func receive(
        _ response: Response, byteCount: Int, startedAt: NIODeadline, now: NIODeadline, into actions: inout [Action]
    ) {
        guard state != .closed else { return }
        if awaitingGreeting {
            receiveGreeting(response, into: &actions)
            return
        }
        switch response {
        case .tagged(let tagged):
            receiveTagged(tagged, byteCount: byteCount, startedAt: startedAt, now: now, into: &actions)
        case .untagged(let untagged):
            attributeToOldest(byteCount: byteCount, startedAt: startedAt, untagged: true)
            receiveUntagged(untagged, now: now, into: &actions)
        case .continuation:
            receiveContinuation(byteCount: byteCount, startedAt: startedAt, now: now, into: &actions)
        }
        writeQueued(now: now, into: &actions)
    }

    private mutating func receiveGreeting(_ response: Response, into actions: inout [Action]) {
        guard case .untagged(.condition(let condition)) = response else {
            fail(.protocolError("expected a greeting (* OK, * PREAUTH or * BYE), got \(response)"), into: &actions)
            return
        }
        if case .capability(let list) = condition.code { updateCapabilities(list) }
        switch condition.status {
        case .ok:
            awaitingGreeting = false
            actions.append(.greeting(.ok(condition.text)))
        case .preauth:
            awaitingGreeting = false
            setState(.authenticated)
            actions.append(.greeting(.preauth(condition.text)))
        case .bye:
            setState(.loggedOut)
            actions.append(.greeting(.bye(condition.text)))
        case .no, .bad:
            fail(
                .protocolError("expected a greeting, got * \(condition.status.rawValue) \(condition.text)"),
                into: &actions)
        }
    }

    private mutating func attributeToOldest(byteCount: Int, startedAt: NIODeadline, untagged: Bool) {
        guard !inFlight.isEmpty else { return }
        inFlight[0].bytesRead += byteCount
        if untagged { inFlight[0].untaggedCount += 1 }
        if inFlight[0].firstResponseByte == nil { inFlight[0].firstResponseByte = startedAt }
    }

    private mutating func receiveTagged(
        _ tagged: TaggedResponse, byteCount: Int, startedAt: NIODeadline, now: NIODeadline,
        into actions: inout [Action]
    ) {
        guard let position = index(ofTag: tagged.tag) else {
            // A reply for a command that already timed out, or a tag the server made up: no
            // outcome, but a late command no longer holds the others back.
            attributeToOldest(byteCount: byteCount, startedAt: startedAt, untagged: false)
            lateReplyEnded(tag: tagged.tag, now: now, into: &actions)
            return
        }
        var running = inFlight.remove(at: position)
        running.bytesRead += byteCount
        if running.firstResponseByte == nil { running.firstResponseByte = startedAt }
        if writerTag == tagged.tag { writerTag = nil }
        if idle?.tag == tagged.tag {
            idle = nil
            actions.append(.cancelIdleEnd)
        }
        if let code = tagged.state.code {
            if case .capability(let list) = code { updateCapabilities(list) }
            mailbox.apply(code: code)
        }
        let outcome = Self.outcome(of: tagged.state.status)
        applySessionEffects(of: running.queued.command, outcome: outcome, into: &actions)
        observer?.completed(tag: tagged.tag, command: running.queued.command, state: tagged.state, mailbox: mailbox)
        let record = record(running, outcome: outcome, code: tagged.state.code, text: tagged.state.text, now: now)
        actions.append(.complete(running.queued.promise, record))
    }

    static func outcome(of status: ResponseStatus) -> CommandOutcome {
        switch status {
        case .ok: return .ok
        case .no: return .no
        case .bad, .preauth: return .bad
        case .bye: return .bye
        }
    }

    /// How a completed command changes the session (RFC 3501 §3, §6.2.1).
    private mutating func applySessionEffects(
        of command: Command, outcome: CommandOutcome, into actions: inout [Action]
    ) {
        switch (command, outcome) {
        case (.login, .ok), (.authenticatePlain, .ok):
            setState(.authenticated)
        case (.select, .ok), (.examine, .ok):
            setState(.selected)
        case (.select, _), (.examine, _), (.close, .ok), (.unselect, .ok):
            // A failed SELECT leaves no mailbox selected.
            if state == .selected || state == .authenticated { setState(.authenticated) }
            mailbox.reset(selecting: nil, readOnly: false)
        case (.logout, .ok):
            setState(.loggedOut)
        case (.startTLS, .ok):
            // Capabilities learnt before TLS may have been forged; they must be asked again.
            forgetCapabilities()
            actions.append(.startTLS)
        default:
            break
        }
    }

    private mutating func receiveUntagged(_ untagged: UntaggedResponse, now: NIODeadline, into actions: inout [Action])
    {
        switch untagged {
        case .condition(let condition) where condition.status == .bye:
            receiveBye(condition, now: now, into: &actions)
            return
        case .condition(let condition):
            if case .capability(let list) = condition.code { updateCapabilities(list) }
        case .capability(let list):
            updateCapabilities(list)
        case .exists:
            if let current = idle, current.phase == .idling, current.plan.endOnNewMail {
                endIdle(now: now, into: &actions)
            }
        default:
            break
        }
        var untagged = untagged
        if case .flags(let flags) = untagged { untagged = .flags(SharedConnectionValues.flags(flags)) }
        if let observer { observer.received(untagged, mailbox: mailbox, expungeAllowed: expungeAllowed(untagged)) }
        mailbox.apply(untagged)
        actions.append(.deliverUntagged(untagged))
    }

    /// RFC 3501 §7.4.1: no EXPUNGE while only FETCH, STORE or SEARCH are in progress. A command
    /// that timed out may still run (and expunge); with nothing in progress the rule is not judged.
    private func expungeAllowed(_ untagged: UntaggedResponse) -> Bool {
        guard case .expunge = untagged else { return true }
        return inFlight.isEmpty || !lateCommands.isEmpty || idle != nil
            || inFlight.contains { $0.queued.pipelining.contains(.mayExpunge) }
    }

    private mutating func receiveBye(_ condition: ResponseState, now: NIODeadline, into actions: inout [Action]) {
        if inFlight.contains(where: { $0.queued.command == .logout }) {
            byeDuringLogout = condition
            setState(.loggedOut)
            actions.append(.deliverUntagged(.condition(condition)))
            return
        }
        actions.append(.deliverUntagged(.condition(condition)))
        failAll(outcome: .bye, code: condition.code, text: condition.text, now: now, into: &actions)
        setState(.loggedOut)
        actions.append(.close(.bye(condition.text)))
    }

    private mutating func receiveContinuation(
        byteCount: Int, startedAt: NIODeadline, now: NIODeadline, into actions: inout [Action]
    ) {
        if let tag = writerTag, let position = index(ofTag: tag) {
            inFlight[position].bytesRead += byteCount
            if inFlight[position].firstResponseByte == nil { inFlight[position].firstResponseByte = startedAt }
            guard let part = inFlight[position].remainingParts.popFirst() else {
                writerTag = nil
                return
            }
            inFlight[position].bytesWritten += part.count
            if inFlight[position].remainingParts.isEmpty { writerTag = nil }
            appendWrite(part, logText: redactedLogText(inFlight[position].queued, firstPart: false), into: &actions)
            return
        }
        if let current = idle, current.phase == .awaitingContinuation, let position = index(ofTag: current.tag) {
            inFlight[position].bytesRead += byteCount
            if inFlight[position].firstResponseByte == nil { inFlight[position].firstResponseByte = startedAt }
            idle?.phase = .idling
            // no timeout while idling: the IDLE end timer governs, then DONE gets `idleTimeout`
            inFlight[position].deadline = .distantFuture
            actions.append(.scheduleIdleEnd(tag: current.tag, deadline: now + current.plan.duration))
            return
        }
        // A continuation nobody asked for: harmless, counted as untagged traffic.
        attributeToOldest(byteCount: byteCount, startedAt: startedAt, untagged: false)
    }
}
