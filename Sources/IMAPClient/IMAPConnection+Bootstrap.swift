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
    ///     | IMAPChannelHandler     |   ResponseBoundaryScanner + ResponseParser -> Response
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
            return eventLoop.makeFailedFuture(IMAPConnectionError(
                kind: .connectFailed, detail: "the event loop is not a NIOPosix event loop", timings: handler.timings))
        }
        let boundHandler = NIOLoopBound(handler, eventLoop: eventLoop)
        let implicitTLS = configuration.tlsMode == .implicit ? tls : nil
        let configured = bootstrap
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

    /// See `openChannel`: small first, grows on full reads.
    static let receiveBufferSizes = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65_536)
}
