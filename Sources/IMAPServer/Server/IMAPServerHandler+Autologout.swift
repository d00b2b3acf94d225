import IMAPProtocol
import NIOCore

extension IMAPServerHandler {
    /// The inactivity limit for the connection's current state, if any.
    var autologoutLimit: Duration? {
        let spec = configuration.autologout
        if session.isIdling { return spec.idle }
        switch session.state {
        case .notAuthenticated: return spec.notAuthenticated
        case .authenticated: return spec.authenticated
        case .selected: return spec.selected
        case .logout: return nil
        }
    }

    /// (Re)starts the autologout timer. Instead of rescheduling on every command, the timer
    /// checks the time of the last activity when it fires and sleeps again if needed.
    func armAutologout() {
        lastActivity = .now()
        guard let limit = autologoutLimit, channelContext != nil, !isClosed else {
            autologoutTimer?.cancel()
            autologoutTimer = nil
            return
        }
        let deadline = lastActivity + .nanoseconds(limit.nanosecondsValue)
        // A timer firing earlier re-checks and sleeps again; only a later timer must be replaced.
        if let existing = autologoutDeadline, autologoutTimer != nil, existing <= deadline { return }
        schedule(at: deadline)
    }

    private func schedule(at deadline: NIODeadline) {
        guard let context = channelContext else { return }
        autologoutTimer?.cancel()
        autologoutDeadline = deadline
        autologoutTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            autologoutTimer = nil
            autologoutTimerFired()
        }
    }

    private func autologoutTimerFired() {
        guard !isClosed, let limit = autologoutLimit else { return }
        let expiry = lastActivity + .nanoseconds(limit.nanosecondsValue)
        if expiry > .now() {
            schedule(at: expiry)
            return
        }
        switch configuration.autologout.mode {
        case .bye:
            writeRaw("* BYE autologout; idle for too long\r\n")
            flushAndClose()
        case .silentClose:
            close()
        }
    }
}
