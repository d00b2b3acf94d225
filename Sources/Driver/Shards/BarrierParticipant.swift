import Foundation
import NIOCore
import NIOPosix

/// The side of shards 2...N: connects to shard 1 (retrying while it is not up yet), measures
/// the clock offset, registers and waits for the common start; the connection then stays open
/// for the result (`ParticipantConnection`). Protocol on `BarrierMessage`.
public enum BarrierParticipant {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var shard: Int
        public var shards: Int
        /// How long to keep trying to reach the coordinator; once connected, its verdict
        /// (start or refusal) is awaited a little longer than that, since its own timeout decides.
        public var timeout: Duration
        /// Ping exchanges; the one with the shortest round trip gives the offset.
        public var exchanges = 8
        public var retryInterval: Duration = .milliseconds(250)
        public var clock: WallClock = .system

        public init(host: String, port: Int, shard: Int, shards: Int, timeout: Duration) {
            self.host = host
            self.port = port
            self.shard = shard
            self.shards = shards
            self.timeout = timeout
        }
    }

    /// Returns once the start time is known (it is then still a little in the future).
    public static func waitForStart(_ configuration: Configuration, group: EventLoopGroup) async throws -> ShardStart {
        try await join(configuration, group: group).start
    }

    /// The start, and the open connection on which the result goes after the run.
    public static func join(
        _ configuration: Configuration, group: EventLoopGroup
    ) async throws
        -> (start: ShardStart, connection: ParticipantConnection)
    {
        let promise = group.next().makePromise(of: ShardStart.self)
        let handler = ParticipantHandler(configuration: configuration, promise: promise)
        let channel = try await connect(configuration, group: group, handler: handler, promise: promise)
        let grace = configuration.timeout + .seconds(10)
        let timeout = channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(grace.nanoseconds))) {
            promise.fail(BarrierError.noStart(after: grace))
            channel.close(promise: nil)
        }
        defer { timeout.cancel() }
        let start = try await promise.futureResult.get()
        return (start, ParticipantConnection(shard: configuration.shard, channel: channel))
    }

    private static func connect(
        _ configuration: Configuration, group: EventLoopGroup, handler: ParticipantHandler,
        promise: EventLoopPromise<ShardStart>
    ) async throws -> Channel {
        let started = ContinuousClock.now
        while true {
            let bootstrap = ClientBootstrap(group: group).channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            do {
                return try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
            } catch {
                // the coordinator's pod may simply not be up yet: retry until the timeout
                guard ContinuousClock.now - started < configuration.timeout else {
                    let failure = BarrierError.coordinatorUnreachable(
                        address: "\(configuration.host):\(configuration.port)",
                        after: configuration.timeout, reason: "\(error)")
                    promise.fail(failure)
                    throw failure
                }
                try await Task.sleep(for: configuration.retryInterval)
            }
        }
    }
}

/// A shard's connection to the coordinator: pings one at a time, then registers, then
/// fulfils the promise with the start (or fails it with the coordinator's refusal).
final class ParticipantHandler: ChannelInboundHandler {
    typealias InboundIn = String
    typealias OutboundOut = ByteBuffer

    private let configuration: BarrierParticipant.Configuration
    private let promise: EventLoopPromise<ShardStart>
    private var samples: [ClockSample] = []
    /// Set while a result waits for the coordinator's `received`.
    var receipt: EventLoopPromise<Void>?

    init(configuration: BarrierParticipant.Configuration, promise: EventLoopPromise<ShardStart>) {
        self.configuration = configuration
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        send(.ping(t0: configuration.clock.now()), context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let received = configuration.clock.now()
        guard let message = BarrierMessage.decode(line: unwrapInboundIn(data)) else {
            fail(.aborted("the coordinator sent something that is not a barrier message"), context: context)
            return
        }
        switch message.type {
        case .pong:
            if let t0 = message.t0, let t1 = message.t1, let t2 = message.t2 {
                samples.append(ClockSample(t0: t0, t1: t1, t2: t2, t3: received))
            }
            if samples.count < configuration.exchanges {
                send(.ping(t0: configuration.clock.now()), context: context)
            } else {
                send(.register(shard: configuration.shard, of: configuration.shards), context: context)
            }
        case .start:
            guard let at = message.at, let best = ClockSample.best(of: samples) else {
                fail(.aborted("start without a time, or before any clock exchange"), context: context)
                return
            }
            // the connection stays open: the result goes back on it after the run
            promise.succeed(
                ShardStart(
                    shard: configuration.shard, shards: configuration.shards, startTime: at,
                    clockOffset: best.offset, roundTrip: best.roundTrip))
        case .received:
            receipt?.succeed()
            receipt = nil
        case .abort:
            fail(.aborted(message.reason ?? "no reason given"), context: context)
        case .ping, .register, .result:
            fail(.aborted("the coordinator sent a shard's message (\(message.type.rawValue))"), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // a no-op when the start or a refusal came first
        promise.fail(BarrierError.coordinatorClosed)
        receipt?.fail(BarrierError.resultUndelivered("the coordinator closed the connection"))
        receipt = nil
        context.fireChannelInactive()
    }

    /// Before the start an error refuses the run; while a result waits for its receipt (the
    /// coordinator gave up and reset the connection) it means the result was not taken.
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let receipt {
            receipt.fail(BarrierError.resultUndelivered("\(error)"))
            self.receipt = nil
        }
        fail(.aborted("\(error)"), context: context)
    }

    private func send(_ message: BarrierMessage, context: ChannelHandlerContext) {
        context.writeAndFlush(
            wrapOutboundOut(context.channel.allocator.buffer(string: message.encodedLine())), promise: nil)
    }

    private func fail(_ error: BarrierError, context: ChannelHandlerContext) {
        promise.fail(error)
        receipt?.fail(error)
        receipt = nil
        context.close(promise: nil)
    }
}
