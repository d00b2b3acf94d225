import IMAPClient
import Measurement
import NIOCore

/// What sessions report to their loop: samples, counts and problems (the `SessionAction`s that
/// concern the loop rather than one connection).
extension LoopWorker {
    func perform(_ action: SessionAction) {
        switch action {
        case .record(let record, let ticket, let unanswered): recordCommand(record, ticket, unanswered: unanswered)
        case .recordPhase(let phase, let nanos, let outcome):
            recorder.recordPhase(phase, nanos: nanos, outcome: outcome)
        case .recordDropped(let count):
            for _ in 0..<count { recorder.recordDropped(operation: "late") }
        case .recordSkipped(let operation, let reason): recorder.recordSkipped(operation: operation, reason: reason)
        case .noteMissingCapability(let capability): noteMissingCapability(capability)
        case .noteLoginRefused(let user, let answer): noteLoginFailure(user: user, answer: answer)
        default: break  // the session's own (connection and timers); `.stopped` the session reports itself
        }
    }

    /// One command's sample. The command counts from when it was due (or queued, for setup and
    /// LOGOUT), and its own send lag from when the server no longer held it back
    /// (`ticket.ownLagFrom`). The sample goes to the window the command was due in (see `ClosedWindows`).
    func recordCommand(_ record: CommandRecord, _ ticket: CommandTicket, unanswered: Bool) {
        let start = min(ticket.due ?? record.enqueued, record.enqueued)
        let ownStart = min(max(start, ticket.ownLagFrom ?? start), record.firstByteWritten ?? start)
        var outcome = Outcome(record.outcome)
        var end = record.completed
        if unanswered, outcome == .disconnected {
            // the session closed the connection itself: the server never answered, and the time
            // known runs to the end of the command's window at most
            outcome = .unanswered
            if let windowEnd = closedWindows.end(ofWindowContaining: start) { end = min(end, windowEnd) }
        }
        let nanos = SessionStateMachine.nanos(from:to:)
        let service = record.firstByteWritten.map { nanos($0, end) }
        if let service, ticket.role != .setup, ticket.role != .logout { mixServiceNanos &+= service }
        recorder(forDue: start).record(
            CommandSample(
                command: record.kind,
                operation: ticket.operation,
                outcome: outcome,
                responseNanos: nanos(start, end),
                serviceNanos: service,
                sendLagNanos: record.firstByteWritten.map { nanos(start, $0) },
                ownSendLagNanos: record.firstByteWritten.map { nanos(ownStart, $0) },
                bytesIn: record.bytesRead,
                bytesOut: record.bytesWritten,
                untagged: record.untaggedCount))
    }

    /// The phases of a connection attempt that got as far as `timings` show.
    func recordEstablishment(_ timings: EstablishmentTimings, outcome: Outcome) {
        let nanos = SessionStateMachine.nanos(from:to:)
        let tcp = timings.tcpConnected
        recorder.recordPhase(
            .connect, nanos: nanos(timings.started, tcp ?? .now()), outcome: tcp == nil ? outcome : .ok)
        guard let tcp else { return }
        if let tls = timings.tlsHandshaked {
            recorder.recordPhase(.tlsHandshake, nanos: nanos(tcp, tls), outcome: .ok)
        }
        let greetingStart = timings.tlsHandshaked ?? tcp
        guard let greeting = timings.greetingReceived else {
            recorder.recordPhase(.greeting, nanos: nanos(greetingStart, .now()), outcome: outcome)
            return
        }
        recorder.recordPhase(.greeting, nanos: nanos(greetingStart, greeting), outcome: .ok)
        if let begun = timings.startTLSStarted {
            let end = timings.startTLSCompleted
            recorder.recordPhase(.startTLS, nanos: nanos(begun, end ?? .now()), outcome: end == nil ? outcome : .ok)
        }
    }

    /// A connection attempt begun at `started` failed with `error`.
    func recordConnectFailure(_ error: Error, started: NIODeadline) {
        if let error = error as? IMAPConnectionError {
            recordEstablishment(error.timings, outcome: Outcome(error.kind))
        } else {
            recorder.recordPhase(
                .connect, nanos: SessionStateMachine.nanos(from: started, to: .now()), outcome: .disconnected)
        }
        noteConnectFailure(error)
    }
}
