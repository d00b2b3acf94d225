extension Session {
    // idle = "IDLE" CRLF "DONE" (RFC 2177)
    func startIdle(tag: String, into writer: inout ResponseWriter) -> SessionReply {
        if state == .notAuthenticated { return .bad(tag, "IDLE needs authentication") }
        synchronize(into: &writer, allowExpunge: true)
        if let view = selected, let account {
            let observer = makeObserver()
            account.withLock { view.mailbox.observers[identifier] = observer }
        }
        writer.line("+ idling")
        continuation = .idle(tag: tag)
        return SessionReply(tagged: nil, effect: .awaitingContinuation)
    }

    /// Called when the selected mailbox changed while idling: sends what changed.
    func idleUpdate(into writer: inout ResponseWriter) {
        guard isIdling else { return }
        synchronize(into: &writer, allowExpunge: true)
    }

    /// The client's line during IDLE: `DONE` ends it, anything else is a protocol error.
    func continueIdle(tag: String, line: String, into writer: inout ResponseWriter) -> SessionReply {
        continuation = nil
        if let view = selected, let account {
            account.withLock { _ = view.mailbox.observers.removeValue(forKey: identifier) }
        }
        synchronize(into: &writer, allowExpunge: true)
        guard line.uppercased() == "DONE" else { return .bad(tag, "expected DONE to end IDLE") }
        return .ok(tag, "IDLE terminated")
    }

    /// Routes a line that continues a command (IDLE or AUTHENTICATE).
    func handleContinuation(_ line: String, into writer: inout ResponseWriter) -> SessionReply? {
        switch continuation {
        case .idle(let tag): return continueIdle(tag: tag, line: line, into: &writer)
        case .authenticate(let tag): return continueAuthentication(tag: tag, line: line)
        case nil: return nil
        }
    }
}
