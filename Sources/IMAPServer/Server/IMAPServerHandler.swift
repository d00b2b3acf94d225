import NIOCore
import NIOSSL

/// The channel handler of one IMAP connection: frames input, queues commands, runs them on the
/// session, and writes responses after the configured delays, stalls and faults.
///
///     socket -> [NIOSSLServerHandler] -> IMAPServerHandler (framing + queue + Session)
///
/// In concurrent mode every command runs as it arrives and its response is scheduled on its
/// own; in serial mode the next command waits until the previous tagged response is written.
final class IMAPServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A frame with the number of the read it arrived in (for drop-after-login).
    struct QueuedFrame {
        var frame: CommandFrame
        var readNumber: Int
        /// When the bytes of this command were read: an injected delay counts from here, so the
        /// server's own processing time does not add to the delay a test expects to measure.
        var received: NIODeadline
    }

    let runtime: ServerRuntime
    /// A copy, so reading it per command costs no indirection through the runtime.
    let configuration: ServerConfiguration
    let session: Session
    var framer = CommandFramer()
    var cumulation: ByteBuffer?
    var queue = CircularBuffer<QueuedFrame>()
    var readNumber = 0
    /// A tagged response is outstanding and the queue waits for it.
    var waitingForResponse = false
    var drainScheduled = false
    var isClosed = false
    var random: DeterministicRandom
    var lastActivity = NIODeadline.now()
    var autologoutTimer: Scheduled<Void>?
    var autologoutDeadline: NIODeadline?
    /// Guards against re-entering `drain` from a response written inside it.
    var isDraining = false
    var channelContext: ChannelHandlerContext?
    /// Writes since the last flush (flushed at the end of a read burst).
    var needsFlush = false
    /// Response bytes not yet handed to the channel. The responses of one read burst are
    /// gathered here and written as one buffer: one pass down the pipeline per burst instead
    /// of one per command.
    var outbound: ByteBuffer?

    init(runtime: ServerRuntime, tlsActive: Bool) {
        self.runtime = runtime
        configuration = runtime.configuration
        let number = runtime.nextConnectionNumber()
        session = Session(
            store: runtime.store, identifier: number,
            canStartTLS: !tlsActive && runtime.tlsContext != nil
                && runtime.configuration.startTLS)
        session.withheldCapabilities = runtime.configuration.withheldCapabilities
        session.faults = ConsistencyFaults(
            faults: runtime.configuration.faults, seed: runtime.configuration.seed ^ UInt64(number) &* 0xC0FF_EE11)
        random = DeterministicRandom(seed: runtime.configuration.seed ^ UInt64(number) &* 0x9E37_79B9)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channelContext = context
        let loop = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        session.makeObserver = {
            MailboxObserver(notify: { eventLoop.execute { loop.value.mailboxChanged() } })
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        var greeting = context.channel.allocator.buffer(capacity: 160)
        greeting.writeString(session.greeting)
        send([greeting], effect: .none, fault: nil)
        flushIfNeeded()
        armAutologout()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosed = true
        autologoutTimer?.cancel()
        session.deselect()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if cumulation == nil || cumulation?.readableBytes == 0 {
            cumulation = buffer
        } else {
            cumulation?.writeBuffer(&buffer)
        }
        readNumber += 1
        let received = NIODeadline.now()
        lastActivity = received
        guard var input = cumulation else { return }
        cumulation = nil
        while let event = framer.next(&input) {
            switch event {
            case .frame(let frame): queue.append(QueuedFrame(frame: frame, readNumber: readNumber, received: received))
            case .continuationNeeded: writeRaw("+ ready for literal\r\n")
            case .tooLarge: writeRaw("* BAD line or literal too long\r\n")
            }
        }
        cumulation = input.readableBytes > 0 ? input : nil
        drain()
        flushIfNeeded()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        close()
    }

    /// Runs queued commands until one must be waited for.
    func drain() {
        guard !isDraining else { return }
        isDraining = true
        defer { isDraining = false }
        // One look at the stall gate per burst: a stall starts at the next burst of commands.
        if !queue.isEmpty, let resume = runtime.stallGate.resumeDeadline() {
            scheduleDrain(at: resume)
            return
        }
        while !isClosed, !waitingForResponse, !queue.isEmpty {
            let queued = queue.removeFirst()
            process(queued)
        }
    }

    private func scheduleDrain(at deadline: NIODeadline) {
        guard !drainScheduled, let context = channelContext else { return }
        drainScheduled = true
        context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            drainScheduled = false
            drain()
            flushIfNeeded()
        }
    }

    private func process(_ queued: QueuedFrame) {
        guard let context = channelContext else { return }
        // in serial mode a command waits for the one before it; its delay starts when its turn comes
        let started = configuration.serialProcessing ? NIODeadline.now() : queued.received
        var writer = ResponseWriter(allocator: context.channel.allocator)
        if session.continuation != nil {
            let line = String(decoding: queued.frame.text, as: UTF8.self)
            let name = session.isIdling ? "IDLE" : "AUTHENTICATE"
            if let reply = session.handleContinuation(line, into: &writer) {
                complete(name: name, reply: reply, writer: &writer, readNumber: queued.readNumber, started: started)
            }
            return
        }
        switch CommandParser.parse(queued.frame) {
        case .failure(let failure):
            writer.line("\(failure.tag ?? "*") BAD \(failure.message)")
            send(writer.take(), effect: .none, fault: nil)
        case .success(let command):
            let reply = session.handle(command, into: &writer)
            complete(name: command.name, reply: reply, writer: &writer, readNumber: queued.readNumber, started: started)
        }
    }

    /// Writes the reply of one command now or after its delay, applying faults.
    private func complete(
        name: String, reply: SessionReply, writer: inout ResponseWriter, readNumber: Int, started: NIODeadline
    ) {
        armAutologout()
        guard let tagged = reply.tagged else {
            // A continuation (IDLE, AUTHENTICATE): answered at once, the command goes on.
            send(writer.take(), effect: .none, fault: nil)
            return
        }
        let fault = configuration.faults.isEmpty ? nil : drawFault(for: reply.effect)
        if fault == .dropAfterLogin {
            dropQueuedFrames(fromRead: readNumber)
        }
        if fault == .malformed { writer.line(Self.malformedLine) }
        if fault != .drop { writer.line(tagged) }
        let delay =
            configuration.delays.isEmpty ? 0 : configuration.delays.spec(for: name)?.sampleNanoseconds(&random) ?? 0
        let chunks = writer.take()
        guard delay > 0, let context = channelContext else {
            send(chunks, effect: reply.effect, fault: fault)
            return
        }
        let mustWait = reply.effect != .none && reply.effect != .loggedIn
        if configuration.serialProcessing || mustWait { waitingForResponse = true }
        let due = started + .nanoseconds(delay)
        let wake = configuration.preciseDelays ? due - configuration.preciseDelayWindow : due
        context.eventLoop.assumeIsolated().scheduleTask(deadline: wake) { [self] in
            if configuration.preciseDelays {
                Self.spin(until: due)
                runtime.delayLateness.record(nanoseconds: (NIODeadline.now() - due).nanoseconds)
            }
            send(chunks, effect: reply.effect, fault: fault, checkStall: true)
            flushIfNeeded()
        }
    }

    /// Busy-waits the end of a precise delay (see `ServerConfiguration.preciseDelays`).
    private static func spin(until due: NIODeadline) {
        while NIODeadline.now() < due {}
    }

    /// Discards the commands that arrived in the same read as a LOGIN (fault drop-after-login).
    private func dropQueuedFrames(fromRead number: Int) {
        while let first = queue.first, first.readNumber == number { queue.removeFirst() }
    }

    /// A mailbox changed while this connection may be idling.
    func mailboxChanged() {
        guard !isClosed, session.isIdling, let context = channelContext else { return }
        var writer = ResponseWriter(allocator: context.channel.allocator)
        session.idleUpdate(into: &writer)
        guard !writer.isEmpty else { return }
        send(writer.take(), effect: .none, fault: nil, checkStall: true)
        flushIfNeeded()
    }

    func writeRaw(_ text: String) {
        guard channelContext != nil, !isClosed else { return }
        if outbound == nil, let context = channelContext { outbound = context.channel.allocator.buffer(capacity: 256) }
        outbound?.writeString(text)
        needsFlush = true
    }

    /// Queues response bytes behind those already waiting; large bodies (slices of the shared
    /// message buffer) go to the channel as they are, without a copy.
    func enqueue(_ chunk: ByteBuffer) {
        guard let context = channelContext else { return }
        needsFlush = true
        if chunk.readableBytes >= ResponseWriter.referenceThreshold {
            writeOutbound()
            context.write(wrapOutboundOut(chunk), promise: nil)
        } else if outbound == nil {
            outbound = chunk
        } else {
            var bytes = chunk
            outbound?.writeBuffer(&bytes)
        }
    }

    /// Hands the gathered response bytes to the channel (not flushed).
    func writeOutbound() {
        guard let buffer = outbound, let context = channelContext else { return }
        outbound = nil
        context.write(wrapOutboundOut(buffer), promise: nil)
    }

    func flushIfNeeded() {
        guard needsFlush, let context = channelContext else { return }
        needsFlush = false
        writeOutbound()
        context.flush()
    }

    func close() {
        guard !isClosed, let context = channelContext else { return }
        isClosed = true
        autologoutTimer?.cancel()
        context.close(promise: nil)
    }
}
