import NIOCore
import NIOHTTP1
import NIOPosix

/// The `--metrics HOST:PORT` endpoint: a small HTTP/1 server on a thread of its own.
///
/// Its own event loop, so a scrape never runs on a loop that measures commands; it is bound
/// before the run starts, so a port in use refuses the run instead of losing its metrics.
public final class MetricsServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let listener: Channel
    /// The port bound (the one asked for, or the one the system chose for port 0).
    public let port: Int

    private init(group: MultiThreadedEventLoopGroup, listener: Channel) {
        self.group = group
        self.listener = listener
        port = listener.localAddress?.port ?? 0
    }

    /// Binds `host:port` and serves `metrics` until `stop()`.
    public static func start(host: String, port: Int, metrics: LiveMetrics) async throws -> MetricsServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(metrics: metrics))
                }
            }
        do {
            let listener = try await bootstrap.bind(host: host, port: port).get()
            return MetricsServer(group: group, listener: listener)
        } catch {
            try? await group.shutdownGracefully()
            throw MetricsServerError(address: "\(host):\(port)", cause: error)
        }
    }

    /// Closes the listener and its connections.
    public func stop() async {
        try? await listener.close()
        try? await group.shutdownGracefully()
    }
}
