import IMAPProtocol
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PreciseTiming

/// An in-memory IMAP server on loopback, for the demo run, for tests and for fault injection.
///
///     let server = try await EmbeddedIMAPServer.start(ServerConfiguration())
///     // connect to 127.0.0.1:server.port as user1 / pass
///     try await server.stop()
public final class EmbeddedIMAPServer: Sendable {
    public let port: Int
    /// The implicit-TLS port, nil when TLS is off.
    public let tlsPort: Int?
    /// PEM of the self-signed certificate generated at start (usable as a CA file); nil when TLS is off.
    public let certificatePath: String?
    /// Why TLS is off although it was asked for (for example openssl missing), for people to read.
    public let tlsUnavailableReason: String?

    private let group: EventLoopGroup
    /// Whether `stop()` shuts the loops down (false when the configuration lent them).
    private let ownsGroup: Bool
    private let channels: [Channel]
    private let runtime: ServerRuntime

    private init(
        port: Int, tlsPort: Int?, certificatePath: String?, tlsUnavailableReason: String?,
        group: EventLoopGroup, ownsGroup: Bool, channels: [Channel], runtime: ServerRuntime
    ) {
        self.port = port
        self.tlsPort = tlsPort
        self.certificatePath = certificatePath
        self.tlsUnavailableReason = tlsUnavailableReason
        self.group = group
        self.ownsGroup = ownsGroup
        self.channels = channels
        self.runtime = runtime
    }

    /// Starts listening, on `configuration.eventLoopGroup` or on a group of its own of
    /// `configuration.threads` threads.
    public static func start(_ configuration: ServerConfiguration) async throws -> EmbeddedIMAPServer {
        var tls: (context: NIOSSLContext, certificate: String)?
        var tlsUnavailableReason: String?
        if configuration.tlsPort != nil || configuration.startTLS {
            do {
                tls = try makeTLSContext()
            } catch {
                tlsUnavailableReason = "\(error)"
            }
        }
        let runtime = ServerRuntime(configuration: configuration, tlsContext: tls?.context)
        let ownsGroup = configuration.eventLoopGroup == nil
        let group =
            configuration.eventLoopGroup ?? MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        await PreciseTimers.apply(to: group)
        var channels: [Channel] = []
        do {
            let plain = try await bind(runtime, group: group, port: configuration.port, implicitTLS: false)
            channels.append(plain)
            var tlsPort: Int?
            if let requested = configuration.tlsPort, tls != nil {
                let secure = try await bind(runtime, group: group, port: requested, implicitTLS: true)
                channels.append(secure)
                tlsPort = secure.localAddress?.port
            }
            let server = EmbeddedIMAPServer(
                port: plain.localAddress?.port ?? configuration.port, tlsPort: tlsPort,
                certificatePath: tls?.certificate,
                tlsUnavailableReason: tlsUnavailableReason, group: group, ownsGroup: ownsGroup, channels: channels,
                runtime: runtime)
            server.scheduleStalls()
            return server
        } catch {
            for channel in channels { try? await channel.close() }  // a listener bound before the failure
            if ownsGroup { try? await group.shutdownGracefully() }
            // the plain listener binds first: with none bound, it was the one that failed
            let port = channels.isEmpty ? configuration.port : (configuration.tlsPort ?? configuration.port)
            throw error is IOError ? ListenError(host: configuration.host, port: port, underlying: error) : error
        }
    }

    /// How late delayed replies went out after their due instant (with `preciseDelays` only):
    /// count, median and maximum in nanoseconds; nil before the first.
    public func delayLateness() -> (count: Int, p50: Int64, max: Int64)? {
        runtime.delayLateness.summary()
    }

    /// Stops answering now for `duration`, then goes on; commands received meanwhile wait.
    public func stall(for duration: Duration) {
        runtime.stallGate.stall(for: duration)
    }

    /// Closes the listeners and every connection, and stops the event loops.
    public func stop() async throws {
        for channel in channels { try? await channel.close() }
        if let certificatePath {
            // the generated certificate's own temporary directory
            try? FileManager.default.removeItem(at: URL(fileURLWithPath: certificatePath).deletingLastPathComponent())
        }
        if ownsGroup {
            try await group.shutdownGracefully()
        } else {
            // the loops stay up: close what shutting them down would have closed
            for connection in runtime.openConnections() { try? await connection.close() }
        }
    }

    private func scheduleStalls() {
        for spec in runtime.configuration.stalls {
            let gate = runtime.stallGate
            group.next().scheduleTask(in: .nanoseconds(spec.at.nanosecondsValue)) { gate.stall(for: spec.duration) }
        }
    }

    private static func makeTLSContext() throws -> (NIOSSLContext, String) {
        let files = try CertificateGenerator.generate()
        let certificates = try NIOSSLCertificate.fromPEMFile(files.certificate)
        let key = try NIOSSLPrivateKey(file: files.key, format: .pem)
        // loaded: the private key has no business staying on disk (clients only need the certificate)
        try? FileManager.default.removeItem(atPath: files.key)
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        return (try NIOSSLContext(configuration: configuration), files.certificate)
    }

    /// Binds one listener. Pipeline of each connection:
    ///
    ///     socket -> [NIOSSLServerHandler (implicit TLS, or added by STARTTLS)] -> IMAPServerHandler
    private static func bind(
        _ runtime: ServerRuntime, group: EventLoopGroup, port: Int, implicitTLS: Bool
    ) async throws -> Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: runtime.configuration.listenBacklog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)  // .socketOption would be SOL_SOCKET: SO_DEBUG
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    runtime.track(channel)
                    if implicitTLS, let context = runtime.tlsContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        IMAPServerHandler(runtime: runtime, tlsActive: implicitTLS))
                }
            }
            .bind(host: runtime.configuration.host, port: port)
            .get()
    }
}
