import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Shard 1's side of the start barrier: listens, answers clock pings, and when shards 2...N
/// have all registered sends each of them one start time a little in the future; after the
/// run it collects their results over the same connections. The protocol is described on
/// `BarrierMessage`.
public final class BarrierCoordinator: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var shards: Int
        public var timeout: Duration
        /// How far ahead of "everyone is here" the start is put, so the start line reaches
        /// every shard before it is due.
        public var startDelay: Duration = .seconds(2)
        public var clock: WallClock = .system

        public init(host: String, port: Int, shards: Int, timeout: Duration) {
            self.host = host
            self.port = port
            self.shards = shards
            self.timeout = timeout
        }
    }

    private let configuration: Configuration
    private let listener: Channel
    private let roster: BarrierRoster
    private let inbox: ResultInbox

    /// The port actually bound (the configured one, or the system's pick for port 0).
    public var port: Int { listener.localAddress?.port ?? configuration.port }

    private init(configuration: Configuration, listener: Channel, roster: BarrierRoster, inbox: ResultInbox) {
        self.configuration = configuration
        self.listener = listener
        self.roster = roster
        self.inbox = inbox
    }

    /// Binds the listener and starts the barrier's timeout; `startTime()` then waits for the verdict.
    public static func listen(_ configuration: Configuration, group: EventLoopGroup) async throws -> BarrierCoordinator
    {
        let loop = group.next()
        let roster = BarrierRoster(configuration: configuration, promise: loop.makePromise(of: Double.self))
        let inbox = ResultInbox(shards: configuration.shards)
        let clock = configuration.clock
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let decoder = LineFrameDecoder(maximumLength: BarrierMessage.maximumResultLineLength)
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(decoder))
                    try channel.pipeline.syncOperations.addHandler(
                        CoordinatorHandler(roster: roster, inbox: inbox, clock: clock))
                }
            }
        let listener: Channel
        do {
            listener = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            throw BarrierError.cannotListen(address: "\(configuration.host):\(configuration.port)", reason: "\(error)")
        }
        loop.scheduleTask(in: .nanoseconds(Int64(configuration.timeout.nanoseconds))) { roster.giveUp() }
        roster.completeIfEveryoneIsHere()
        return BarrierCoordinator(configuration: configuration, listener: listener, roster: roster, inbox: inbox)
    }

    /// Waits until every shard has registered (or the timeout); closes the listener either way.
    public func startTime() async throws -> ShardStart {
        defer { listener.close(promise: nil) }
        let start = try await roster.verdict.get()
        return ShardStart(shard: 1, shards: configuration.shards, startTime: start, clockOffset: 0, roundTrip: 0)
    }

    /// After shard 1's own run: every other shard's result, or why it has none (lost during
    /// the run, or silent for `timeout`); then the connections are closed.
    public func collectResults(timeout: Duration) async -> [Int: ShardDelivery] {
        let deliveries = await inbox.collect(timeout: timeout, on: listener.eventLoop)
        roster.closeAll()
        return deliveries
    }
}

extension Duration {
    /// Whole nanoseconds, for NIO's `TimeAmount`.
    var nanoseconds: Double {
        Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9
    }
}
