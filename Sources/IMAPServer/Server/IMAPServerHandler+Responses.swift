import NIOCore
import NIOSSL

extension IMAPServerHandler {
    /// Writes a response (untagged chunks, then the tagged line) unless a stall is running, in
    /// which case it waits for the stall to end; then applies the fault and the effect.
    func send(_ chunks: [ByteBuffer], tagged: String?, effect: SessionReply.Effect, fault: FaultSpec.Kind?) {
        guard !isClosed, let context = channelContext else { return }
        if let resume = runtime.stallGate.resumeDeadline() {
            context.eventLoop.assumeIsolated().scheduleTask(deadline: resume) { [self] in
                send(chunks, tagged: tagged, effect: effect, fault: fault)
                flushIfNeeded()
            }
            return
        }
        switch fault {
        case .bye:
            writeRaw("* BYE fault injection: closing connection\r\n")
            flushAndClose()
            return
        case .disconnect:
            close()
            return
        case .drop, .dropAfterLogin, .malformed, nil:
            break
        }
        for chunk in chunks { context.write(wrapOutboundOut(chunk), promise: nil) }
        needsFlush = needsFlush || !chunks.isEmpty
        if fault == .malformed { writeRaw("%% (malformed response injected by imapbench) {\r\n") }
        if let tagged, fault != .drop { writeRaw(tagged + "\r\n") }
        finish(effect)
    }

    private func finish(_ effect: SessionReply.Effect) {
        waitingForResponse = false
        switch effect {
        case .close:
            flushAndClose()
            return
        case .startTLS:
            startTLS()
        case .none, .awaitingContinuation, .loggedIn:
            break
        }
        drain()
    }

    private func startTLS() {
        guard let context = channelContext, let tlsContext = runtime.tlsContext else { return }
        flushIfNeeded()
        // RFC 3501 §6.2.1: anything the client pipelined after STARTTLS is discarded.
        queue.removeAll()
        cumulation = nil
        framer = CommandFramer()
        do {
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext), position: .first)
        } catch {
            close()
        }
    }

    func flushAndClose() {
        guard let context = channelContext, !isClosed else { return }
        needsFlush = false
        isClosed = true
        autologoutTimer?.cancel()
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(capacity: 0))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    /// Draws at most one fault for a command; drop-after-login only applies to logins.
    func drawFault(for effect: SessionReply.Effect) -> FaultSpec.Kind? {
        for spec in configuration.faults where spec.probability > 0 {
            if spec.kind == .dropAfterLogin, effect != .loggedIn { continue }
            if random.nextUnit() < spec.probability { return spec.kind }
        }
        return nil
    }
}
