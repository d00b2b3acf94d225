import NIOCore
import NIOPosix

extension IMAPConnection {
    /// Opens the TCP connection with this pipeline (bytes flow down when read, up when written):
    ///
    ///         network
    ///            |
    ///     +------v-----------------+
    ///     | NIOSSLClientHandler    |   TLS: from the start when .implicit,
    ///     | (only when TLS is on)  |   put first on the STARTTLS OK when .startTLS
    ///     +------+-----------------+
    ///            |  ByteBuffer
    ///     +------v-----------------+
    ///     | IMAPChannelHandler     |   ResponseParser (framing, grammar) -> Response
    ///     |                        |   ConnectionStateMachine -> actions (write, complete, timers, close)
    ///     +------------------------+
    ///
    /// This is the only file that imports NIOPosix.
    ///
    /// Receive buffers start at 512 bytes, not NIO's 2048: the channel keeps its last receive buffer
    /// for reuse, and for thousands of idle connections (whose greeting, login and SELECT fit in
    /// 512 bytes) that kept buffer is most of their memory. A busy connection's reads fill the
    /// buffer, and it doubles on each full read up to 64 KB as before.
    static func openChannel(
        _ configuration: ConnectionConfiguration, on eventLoop: EventLoop, handler: IMAPChannelHandler,
        tls: TLSHandlerFactory?
    ) -> EventLoopFuture<Channel> {
        guard let bootstrap = ClientBootstrap(validatingGroup: eventLoop) else {
            return eventLoop.makeFailedFuture(
                IMAPConnectionError(
                    kind: .connectFailed, detail: "the event loop is not a NIOPosix event loop",
                    timings: handler.timings))
        }
        let boundHandler = NIOLoopBound(handler, eventLoop: eventLoop)
        let implicitTLS = configuration.tlsMode == .implicit ? tls : nil
        let configured =
            bootstrap
            .connectTimeout(configuration.timeouts.connect)
            .channelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
            .channelOption(ChannelOptions.recvAllocator, value: receiveBufferSizes)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS { try channel.pipeline.syncOperations.addHandler(try implicitTLS.makeHandler()) }
                    try channel.pipeline.syncOperations.addHandler(boundHandler.value)
                }
            }
        // a numeric address skips the resolver and happy-eyeballs machinery: a login storm
        // connects thousands of times a second, and name resolution would be its largest cost
        if let address = try? SocketAddress(ipAddress: configuration.host, port: configuration.port) {
            return configured.connect(to: address)
        }
        return configured.connect(host: configuration.host, port: configuration.port)
    }

    /// Why a TCP connect failed, in words that name the address and suggest a cause: NIO's own
    /// text ("connection reset (error set): Connection refused) (errno: 111)") names neither.
    /// Here because the error types of a connect (`NIOConnectionError`) are NIOPosix's.
    static func connectFailureText(_ error: Error, host: String, port: Int) -> String {
        let target = "\(host):\(port)"
        if let failure = error as? NIOConnectionError, failure.connectionErrors.isEmpty, failure.dnsAError != nil {
            return "cannot resolve the host name '\(host)'"
        }
        switch socketErrno(error) {
        case ECONNREFUSED: return "connection refused by \(target): nothing listens there?"
        case ETIMEDOUT: return "no answer from \(target) (timed out): is the host up, or a firewall dropping packets?"
        case EHOSTUNREACH, ENETUNREACH: return "\(target) is unreachable: no route to the host"
        case ECONNRESET: return "\(target) reset the connection"
        case EADDRNOTAVAIL: return "no local port left to connect to \(target): too many connections from this machine"
        case EMFILE, ENFILE: return "too many open files to connect to \(target): raise the limit (ulimit -n)"
        default: return "\(target): \(error)"
        }
    }

    private static func socketErrno(_ error: Error) -> Int32? {
        if let error = error as? IOError { return error.errnoCode }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.lazy.compactMap { socketErrno($0.error) }.first
        }
        return nil
    }

    /// See `openChannel`: small first, grows on full reads.
    static let receiveBufferSizes = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65_536)
}
