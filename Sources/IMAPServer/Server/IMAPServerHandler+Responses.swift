import NIOCore
import NIOSSL

extension IMAPServerHandler {
    /// A line no IMAP parser accepts (bad tag characters, an unterminated literal marker).
    static let malformedLine = "%% (malformed response injected by imapbench) {"

    /// Writes a response (its tagged line already included, unless dropped) and applies the
    /// fault and the effect. Responses written later than their command (delays, IDLE) first
    /// wait for a running stall to end (`checkStall`); others were checked in `drain`.
    func send(_ chunks: [ByteBuffer], effect: SessionReply.Effect, fault: FaultSpec.Kind?, checkStall: Bool = false) {
        guard !isClosed, let context = channelContext else { return }
        if checkStall || !isDraining, let resume = runtime.stallGate.resumeDeadline() {
            context.eventLoop.assumeIsolated().scheduleTask(deadline: resume) { [self] in
                send(chunks, effect: effect, fault: fault, checkStall: true)
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
        default:
            break  // drop and malformed were applied to the reply; consistency faults in the session
        }
        for chunk in chunks { enqueue(chunk) }
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
        writeOutbound()
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
        for spec in configuration.faults where spec.probability > 0 && !spec.kind.isConsistencyFault {
            if spec.kind == .dropAfterLogin, effect != .loggedIn { continue }
            if random.nextUnit() < spec.probability { return spec.kind }
        }
        return nil
    }
}
