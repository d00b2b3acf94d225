import IMAPProtocol
import NIOCore
import NIOSSL
import NIOTLS

/// The thin NIO layer over `ConnectionStateMachine`: it has the parser cut bytes into responses (the
/// parser is the one place that knows where a response ends), passes events to the state machine and
/// carries out the actions it returns. All of it runs on the channel's event loop.
final class IMAPChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    typealias Machine = ConnectionStateMachine<CommandCompletion>

    /// Stops reading a chunk once the connection closed.
    private struct StopReading: Error {}

    var machine: Machine
    private var parser: ResponseParser
    private var context: ChannelHandlerContext?
    /// Action arrays reused between events. An event's actions often start another (a completion
    /// sends the next command from inside `perform`), which takes a second array: with a single
    /// spare, that nested event allocated a fresh array for every command. At most two are kept.
    private var spareActions: [[Machine.Action]] = []
    /// One timer for every command deadline (kept by the state machine with each command in
    /// flight), set for the earliest: scheduling and cancelling a timer per command, or keeping
    /// deadlines in a dictionary by tag, cost more than the rest of the command's bookkeeping.
    private var deadlineTimer: Scheduled<Void>?
    private var deadlineTimerAt: NIODeadline?
    private var idleEndTimer: Scheduled<Void>?
    /// True inside channelRead: writes then wait for channelReadComplete's single flush.
    private var isReading = false
    private var needsFlush = false
    /// Events being carried out, nested ones included: the outermost clears the machine's output.
    private var runDepth = 0
    /// Commands written during a read burst, gathered into one buffer and written at its end: one
    /// buffer (and one iovec) per burst instead of an allocation and a pending write per command.
    private var outbound: ByteBuffer?
    /// Arrival time of the first byte of the response in progress.
    private var responseStart: NIODeadline?
    private var logWriter: ProtocolLogWriter?
    /// Set when an IDLE starts: the read that started it ends by giving back the scratch buffers.
    private var releaseBuffersAfterRead = false

    var timings: EstablishmentTimings
    var greeting: Greeting?
    var onUntagged: ((UntaggedResponse) -> Void)?
    var onAutomaticCommand: ((CommandRecord) -> Void)?
    /// Completed by the greeting; dropped once establishment has it (`IMAPConnection.establish`).
    /// A promise and its future kept for the life of the connection are some 150 bytes per
    /// connection that nothing reads again (for 19,000 sessions parked in IDLE, 3 MB).
    var greetingPromise: EventLoopPromise<Greeting>?
    /// Completed when a TLS handshake (implicit or after STARTTLS) finishes; nil without TLS,
    /// where nothing waits for one.
    let tlsPromise: EventLoopPromise<Void>?
    /// Builds the TLS handler that STARTTLS puts in front.
    var makeTLSHandler: (() throws -> NIOSSLClientHandler)?
    /// Why establishment failed, when known better than "closed".
    var establishmentFailure: (kind: IMAPConnectionError.Kind, detail: String)?

    init(configuration: ConnectionConfiguration, eventLoop: EventLoop, started: NIODeadline) {
        machine = Machine(
            configuration: .init(
                pipelineDepth: configuration.pipelineDepth, commandTimeout: configuration.timeouts.command,
                idleTimeout: configuration.timeouts.idle))
        parser = ResponseParser(limits: configuration.parserLimits)
        timings = EstablishmentTimings(started: started)
        greetingPromise = eventLoop.makePromise()
        tlsPromise = configuration.tlsMode == .none ? nil : eventLoop.makePromise()
        logWriter = configuration.protocolLog.map(ProtocolLogWriter.init(log:))
    }

    // Read in place, without copying the machine (see IMAPConnection.canSendNow, .mailboxExists).
    func canSendNow(_ command: Command) -> Bool { Self.canSendNow(command, &machine) }

    /// Through `inout`: a method call on the stored struct would copy the whole machine first.
    private static func canSendNow(_ command: Command, _ machine: inout Machine) -> Bool {
        machine.canSendNow(command)
    }
    var barrierInFlight: Bool { Self.barrierInFlight(&machine) }
    private static func barrierInFlight(_ machine: inout Machine) -> Bool { machine.barrierInFlight }
    var selectedMailboxName: String? { machine.mailbox.name }
    var mailboxExists: UInt32 { machine.mailbox.exists }
    func uid(atSequence sequence: UInt32) -> UInt32? { machine.mailbox.uid(atSequence: sequence) }

    /// Bytes the parser holds for an incomplete response; bounded by the parser limits.
    var bufferedByteCount: Int { parser.bufferedByteCount }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// Also reached when the connect itself failed, where no channelInactive comes: no promise may leak.
    func handlerRemoved(context: ChannelHandlerContext) {
        failEstablishmentPromises()
        cancelTimers()
        self.context = nil
    }

    /// The timers hold the handler strongly, so it must cancel them when its channel goes.
    ///
    /// Why strongly: a `weak` reference gives an object a side table, and then every retain and
    /// release of it takes the runtime's slow path; the handler is retained for each response.
    private func cancelTimers() {
        deadlineTimer?.cancel()
        deadlineTimer = nil
        deadlineTimerAt = nil
        idleEndTimer?.cancel()
        idleEndTimer = nil
    }

    /// Also called when no channel could be made at all (socket() failed: EMFILE at the open-file
    /// limit), where the handler is never added nor removed and its promises would leak.
    func failEstablishmentPromises() {
        let failure = establishmentFailure ?? (.closedBeforeGreeting, "the server closed the connection")
        let error = IMAPConnectionError(kind: failure.kind, detail: failure.detail, timings: timings)
        greetingPromise?.fail(error)
        tlsPromise?.fail(error)
    }

    // MARK: Events from the channel

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let now = NIODeadline.now()
        // commands sent in reaction to these responses are flushed once, in channelReadComplete:
        // one write system call per read burst instead of one per command
        isReading = true
        defer { isReading = false }
        buffer.withUnsafeReadableBytes { bytes in
            do {
                try read(bytes, now: now)
            } catch is StopReading {
                return
            } catch {
                run { machine.protocolError(String(describing: error), now: now, into: &$0) }
            }
        }
        if releaseBuffersAfterRead { releaseBuffers() }
    }

    /// A connection parked in IDLE may stay so for minutes, thousands of them side by side: it drops
    /// the capacity its scratch arrays grew to (they grow back on the next busy read).
    private func releaseBuffers() {
        releaseBuffersAfterRead = false
        spareActions = []
        parser.releaseSpareCapacity()
        machine.releaseOutput()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            writeOutbound(context)
            context.flush()
            machine.markFlushed(now: .now())
        }
        context.fireChannelReadComplete()
    }

    /// Steps the parser through the chunk one response at a time, so that each response is acted on
    /// (a STARTTLS OK, a BYE) knowing exactly which bytes follow it.
    private func read(_ bytes: UnsafeRawBufferPointer, now: NIODeadline) throws {
        var index = 0
        while index < bytes.count {
            if responseStart == nil { responseStart = now }
            let rest = UnsafeRawBufferPointer(rebasing: bytes[index...])
            let step: (consumed: Int, framed: FramedResponse?)
            do {
                step = try parser.parseNext(rest)
            } catch {
                logWriter?.appendServer(rest)  // the log shows the bytes that were refused
                throw error
            }
            logWriter?.appendServer(UnsafeRawBufferPointer(rebasing: rest[..<step.consumed]))
            index += step.consumed
            if let framed = step.framed { try deliver(framed, remainingInChunk: bytes.count - index, now: now) }
        }
    }

    /// Hands one response to the state machine with the bytes it took and its first byte's arrival.
    private func deliver(_ framed: FramedResponse, remainingInChunk: Int, now: NIODeadline) throws {
        logWriter?.flushServer()
        let startedAt = responseStart ?? now
        responseStart = nil
        run(remainingInChunk: remainingInChunk) {
            machine.receive(framed.response, byteCount: framed.byteCount, startedAt: startedAt, now: now, into: &$0)
        }
        if machine.state == .closed || context == nil { throw StopReading() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            let now = NIODeadline.now()
            if timings.tlsHandshaked == nil, timings.startTLSStarted == nil {
                timings.tlsHandshaked = now
            } else {
                timings.startTLSCompleted = now
            }
            tlsPromise?.succeed(())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if greeting == nil || (timings.startTLSStarted != nil && timings.startTLSCompleted == nil),
            establishmentFailure == nil
        {
            let isTLS = error is NIOSSLError || error is BoringSSLError
            establishmentFailure = (isTLS ? .tlsFailed : .connectFailed, String(describing: error))
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        run { machine.channelClosed(now: .now(), into: &$0) }
        cancelTimers()
        failEstablishmentPromises()
        context.fireChannelInactive()
    }

    // MARK: Commands from the connection

    func enqueue(
        _ command: Command, idlePlan: Machine.IdlePlan? = nil, completion: CommandCompletion
    ) {
        // a connection that logs out reads two responses more: the next read gives the scratch
        // buffers back, as a run's stop sends LOGOUT on every connection at once, each holding
        // them until it closes
        if case .logout = command { releaseBuffersAfterRead = true }
        run { _ = machine.enqueue(command, promise: completion, idlePlan: idlePlan, now: .now(), into: &$0) }
    }

    /// Leaves a running IDLE now (DONE), for a client that wants to stop before its planned end.
    ///
    /// Keeps no spare actions array afterwards: a run that stops ends every session's IDLE in one
    /// go, and each would keep one (an action is some 200 bytes, the array over 400) until its
    /// connection closed, all of them at once: the highest memory of a run of idle sessions.
    func endIdleEarly() {
        run(keepingSpare: false) { actions in
            guard let current = machine.idle else { return }
            switch current.phase {
            case .idling: machine.endIdle(now: .now(), into: &actions)
            // the server's "+" has not come yet: hold the IDLE for no time once it does
            case .awaitingContinuation: machine.idle?.plan.duration = .zero
            case .doneSent: break
            }
        }
    }

    /// Closes with `kind` as the reason establishment failed.
    func abortEstablishment(_ kind: IMAPConnectionError.Kind, detail: String) {
        if establishmentFailure == nil { establishmentFailure = (kind, detail) }
        context?.close(promise: nil)
    }

    // MARK: Carrying out actions

    /// Runs one state machine event and then its actions; `keepingSpare: false` lets every spare
    /// array go instead of keeping them for the next event.
    private func run(remainingInChunk: Int = 0, keepingSpare: Bool = true, _ event: (inout [Machine.Action]) -> Void) {
        var actions = spareActions.popLast() ?? []
        event(&actions)
        runDepth += 1
        for action in actions { perform(action, remainingInChunk: remainingInChunk) }
        runDepth -= 1
        // a nested event (a completion that sends the next command) only appends to the output:
        // the ranges of the outer event's writes stay valid until it is done with them
        if runDepth == 0 { machine.clearOutput() }
        guard keepingSpare else {
            spareActions = []
            return
        }
        guard spareActions.count < 2 else { return }
        actions.removeAll(keepingCapacity: true)
        spareActions.append(actions)
    }

    private func perform(_ action: Machine.Action, remainingInChunk: Int) {
        switch action {
        case .write(let range, let logText):
            let bytes = machine.output[range]
            logWriter?.logClient(bytes, replacement: logText)
            guard let context else { return }
            if isReading {
                if outbound == nil { outbound = context.channel.allocator.buffer(capacity: max(512, bytes.count)) }
                outbound?.writeBytes(bytes)
                needsFlush = true
            } else {
                writeOutbound(context)
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
                machine.markFlushed(now: .now())
            }
        case .complete(let completion, let record):
            completion.complete(record)
        case .armDeadline(let deadline):
            // an earlier timer stays: when it fires it finds nothing due and sets itself for the next
            if deadlineTimerAt.map({ deadline < $0 }) ?? true { armDeadlineTimer(at: deadline) }
        case .scheduleIdleEnd(let tag, let deadline):
            releaseBuffersAfterRead = true
            cancelDeadlineTimerIfNothingDue()
            idleEndTimer?.cancel()
            idleEndTimer = context?.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
                // strong, like the deadline timer's: see `cancelTimers`
                self.idleEndTimer = nil
                self.run { self.machine.idleEndFired(tag: tag, now: .now(), into: &$0) }
            }
        case .cancelIdleEnd:
            idleEndTimer?.cancel()
            idleEndTimer = nil
        case .greeting(let greeting):
            timings.greetingReceived = .now()
            self.greeting = greeting
            greetingPromise?.succeed(greeting)
        case .startTLS:
            startTLS(remainingInChunk: remainingInChunk)
        case .deliverUntagged(let untagged):
            onUntagged?(untagged)
        case .close(let reason):
            close(for: reason)
        }
    }

    /// Hands the commands gathered during a read to the channel (not yet flushed), keeping their order.
    private func writeOutbound(_ context: ChannelHandlerContext) {
        guard let buffer = outbound else { return }
        outbound = nil
        context.write(wrapOutboundOut(buffer), promise: nil)
    }

    private func armDeadlineTimer(at deadline: NIODeadline) {
        deadlineTimer?.cancel()
        deadlineTimerAt = deadline
        deadlineTimer = context?.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.deadlineTimerFired()  // strong: see `cancelTimers`
        }
    }

    /// An IDLE has no deadline, and the login's timer (armed `commandTimeout` after it) would wait
    /// to find nothing due: an IDLE that starts with nothing else outstanding drops it, since a
    /// session parked in IDLE should hold no more than its IDLE-end timer (a scheduled task costs
    /// some 250 bytes, and a slot in the loop's timer heap). It fires then for nothing, so
    /// dropping it changes no outcome.
    private func cancelDeadlineTimerIfNothingDue() {
        guard deadlineTimer != nil, machine.earliestDeadline == nil else { return }
        deadlineTimer?.cancel()
        deadlineTimer = nil
        deadlineTimerAt = nil
    }

    /// Times out every command whose deadline has passed, then waits for the next deadline.
    private func deadlineTimerFired() {
        deadlineTimer = nil
        deadlineTimerAt = nil
        let now = NIODeadline.now()
        for tag in machine.expiredTags(now: now) {
            run { self.machine.timeoutFired(tag: tag, now: now, into: &$0) }
        }
        // a command sent from a completion above may have armed the timer already, for later
        if let next = machine.earliestDeadline, deadlineTimerAt.map({ next < $0 }) ?? true {
            armDeadlineTimer(at: next)
        }
    }

    private func close(for reason: Machine.CloseReason) {
        if greeting == nil || (timings.startTLSStarted != nil && timings.startTLSCompleted == nil) {
            switch reason {
            case .protocolError(let text), .desynchronized(let text):
                if establishmentFailure == nil { establishmentFailure = (.protocolError, text) }
            case .bye(let text):
                if establishmentFailure == nil { establishmentFailure = (.refused, text) }
            }
        }
        context?.close(promise: nil)
    }

    /// Puts TLS first in the pipeline, refusing plaintext that arrived after the tagged OK: it could
    /// only have been injected by someone in the middle (RFC 3501 §6.2.1, CVE-2011-0411 class).
    private func startTLS(remainingInChunk: Int) {
        guard let context else { return }
        writeOutbound(context)  // whatever was written before the OK goes out in plaintext, ahead of TLS
        timings.startTLSStarted = .now()
        guard remainingInChunk == 0, parser.bufferedByteCount == 0 else {
            run { machine.protocolError("plaintext bytes followed the STARTTLS OK", now: .now(), into: &$0) }
            return
        }
        do {
            guard let makeTLSHandler else {
                throw IMAPConnectionError(kind: .tlsFailed, detail: "no TLS configuration", timings: timings)
            }
            try context.pipeline.syncOperations.addHandler(try makeTLSHandler(), position: .first)
        } catch {
            abortEstablishment(.tlsFailed, detail: String(describing: error))
        }
    }
}
