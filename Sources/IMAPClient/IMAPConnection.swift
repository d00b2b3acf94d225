import IMAPProtocol
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One IMAP connection: pipelined commands, tag matching, timeouts and a mailbox view.
///
/// All its state lives on `eventLoop`, without locks. Properties and `onUntagged` must be used on
/// `eventLoop` (from elsewhere go through `eventLoop.execute` or `flatSubmit`); `send`, `login`,
/// `idle` and the close methods may be called from anywhere and hop to the loop themselves.
///
/// The connection keeps no statistics: each command ends with a `CommandRecord` for the caller.
public final class IMAPConnection: @unchecked Sendable {
    public let eventLoop: EventLoop
    let channel: Channel
    let handler: IMAPChannelHandler

    init(channel: Channel, handler: IMAPChannelHandler) {
        self.eventLoop = channel.eventLoop
        self.channel = channel
        self.handler = handler
    }

    public var timings: EstablishmentTimings { handler.timings }
    public var greeting: Greeting { handler.greeting ?? .ok("") }
    /// Upper-cased; from the greeting, a LOGIN/AUTHENTICATE OK code or CAPABILITY. May change after login.
    public var capabilities: Set<String> { handler.machine.capabilities }
    /// Kept current from untagged responses; reset on SELECT, EXAMINE, CLOSE and UNSELECT.
    public var mailbox: MailboxView { handler.machine.mailbox }
    /// Parts of `mailbox` read in place: the generator asks for them before every command, and a
    /// copy of the whole view each time cost a memmove and a retain per array it holds.
    public var selectedMailboxName: String? { handler.selectedMailboxName }
    public var mailboxExists: UInt32 { handler.mailboxExists }
    public func uid(atSequence sequence: UInt32) -> UInt32? { handler.uid(atSequence: sequence) }
    public var state: SessionState { handler.machine.state }
    /// Written, not yet completed.
    public var inFlightCount: Int { handler.machine.inFlightCount }
    /// Accepted, not yet written.
    public var queuedCount: Int { handler.machine.queuedCount }
    /// A barrier (SELECT, EXAMINE, LOGIN, IDLE, ENABLE...) is in flight: nothing can be written
    /// beside it, and after a SELECT the mailbox view is empty until its responses arrive.
    public var barrierInFlight: Bool { handler.barrierInFlight }
    /// Bytes the parser holds for an incomplete response; bounded by `ConnectionConfiguration.parserLimits`.
    public var parserBufferedByteCount: Int { handler.bufferedByteCount }

    /// Called on the loop for every untagged response, after the mailbox view was updated.
    public var onUntagged: ((UntaggedResponse) -> Void)? {
        get { handler.onUntagged }
        set { handler.onUntagged = newValue }
    }

    /// Sees every write, untagged response and completion of this connection (the consistency
    /// checks); set it on the loop before sending.
    public var exchangeObserver: ExchangeObserver? {
        get { handler.machine.observer }
        set { handler.machine.observer = newValue }
    }

    /// Whether `command` would be written immediately (room in the window and the RFC 3501 §5.5 rules).
    public func canSendNow(_ command: Command) -> Bool {
        handler.canSendNow(command)
    }

    /// Queues `command`; it is written as soon as the window and the ordering rules allow.
    ///
    /// The future never fails: NO, BAD, BYE, disconnection, timeout and protocol errors are outcomes.
    public func send(_ command: Command) -> EventLoopFuture<CommandRecord> {
        enqueue(command, idlePlan: nil)
    }

    /// `send`, for callers on the connection's event loop: `completion` is called on the loop
    /// with the record, without a promise and future per command (the load generator's path).
    /// Like the future, it is called exactly once, whatever the outcome.
    public func send(_ command: Command, completion: @escaping (CommandRecord) -> Void) {
        eventLoop.preconditionInEventLoop()
        handler.enqueue(command, idlePlan: nil, completion: .callback(completion))
    }

    /// `send`, completing through `receiver` with `slot`: the load generator's path, with no
    /// closure per command (see `CommandCompletionReceiver`).
    public func send(_ command: Command, receiver: any CommandCompletionReceiver, slot: Int) {
        eventLoop.preconditionInEventLoop()
        handler.enqueue(command, idlePlan: nil, completion: .receiver(receiver, slot: slot))
    }

    /// Called on the loop with the record of each command the connection sends on its own (today
    /// the CAPABILITY that follows a login OK without capabilities), so that a caller counting
    /// commands, bytes and errors misses none.
    public var onAutomaticCommand: ((CommandRecord) -> Void)? {
        get { handler.onAutomaticCommand }
        set { handler.onAutomaticCommand = newValue }
    }

    /// LOGIN, or AUTHENTICATE PLAIN (SASL-IR when offered, else through the continuation).
    ///
    /// When the OK carries no CAPABILITY code, CAPABILITY is asked before the future completes, since
    /// capabilities often change at login; the record returned is still the login's, and the
    /// CAPABILITY's goes to `onAutomaticCommand`.
    public func login(user: String, password: String, method: LoginMethod) -> EventLoopFuture<CommandRecord> {
        let command: Command =
            method == .login
            ? .login(user: user, password: password) : .authenticatePlain(user: user, password: password)
        return send(command).flatMap { record in
            if record.outcome != .ok { return self.eventLoop.makeSucceededFuture(record) }
            if case .capability = record.code { return self.eventLoop.makeSucceededFuture(record) }
            return self.send(.capability).map { capability in
                self.handler.onAutomaticCommand?(capability)
                return record
            }
        }
    }

    /// IDLE (RFC 2177): waits for `+`, holds for `duration` (less when `endOnNewMail` and EXISTS
    /// arrives), sends DONE and completes on the tagged OK, which has `Timeouts.idle` to arrive.
    public func idle(for duration: TimeAmount, endOnNewMail: Bool) -> EventLoopFuture<CommandRecord> {
        enqueue(.idle, idlePlan: .init(duration: duration, endOnNewMail: endOnNewMail))
    }

    /// `idle`, for callers on the connection's event loop: `completion` is called on the loop with
    /// the record, exactly once. Without the promise, its future and the callback on it: a session
    /// parked in IDLE holds them for the whole IDLE (some 300 bytes, for 19,000 idle sessions 6 MB).
    public func idle(for duration: TimeAmount, endOnNewMail: Bool, completion: @escaping (CommandRecord) -> Void) {
        eventLoop.preconditionInEventLoop()
        handler.enqueue(
            .idle, idlePlan: .init(duration: duration, endOnNewMail: endOnNewMail), completion: .callback(completion))
    }

    /// `idle`, completing through `receiver` with `slot` (see `CommandCompletionReceiver`).
    public func idle(
        for duration: TimeAmount, endOnNewMail: Bool, receiver: any CommandCompletionReceiver, slot: Int
    ) {
        eventLoop.preconditionInEventLoop()
        handler.enqueue(
            .idle, idlePlan: .init(duration: duration, endOnNewMail: endOnNewMail),
            completion: .receiver(receiver, slot: slot))
    }

    /// Ends a running IDLE now with DONE (no effect when none runs): a run that stops does not
    /// wait out every session's planned IDLE. The IDLE's own future completes as usual.
    public func endIdle() {
        if eventLoop.inEventLoop {
            handler.endIdleEarly()
        } else {
            eventLoop.execute { self.handler.endIdleEarly() }
        }
    }

    private func enqueue(
        _ command: Command, idlePlan: IMAPChannelHandler.Machine.IdlePlan?
    ) -> EventLoopFuture<CommandRecord> {
        let promise = eventLoop.makePromise(of: CommandRecord.self)
        if eventLoop.inEventLoop {
            handler.enqueue(command, idlePlan: idlePlan, completion: .promise(promise))
        } else {
            let plan = idlePlan.map { ($0.duration, $0.endOnNewMail) }
            eventLoop.execute {
                self.handler.enqueue(
                    command, idlePlan: plan.map { .init(duration: $0.0, endOnNewMail: $0.1) },
                    completion: .promise(promise))
            }
        }
        return promise.futureResult
    }

    /// Orderly close; send LOGOUT first for a polite one. Succeeds also when already closed.
    public func close() -> EventLoopFuture<Void> {
        channel.close().recover { _ in }
    }

    /// Closes at once with a TCP reset (SO_LINGER 0), as a client that crashed would.
    public func closeAbruptly() {
        let channel = self.channel
        eventLoop.execute {
            guard channel.isActive else { return }
            if let provider = channel as? SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
                    channel.close(promise: nil)
                }
            } else {
                channel.close(promise: nil)
            }
        }
    }

    /// Succeeds when the channel is closed, whoever closed it.
    public var closeFuture: EventLoopFuture<Void> { channel.closeFuture }
}
