import NIOCore

/// One shard's connection at the coordinator: answers pings with the two coordinator
/// timestamps and passes registrations to the roster.
final class CoordinatorHandler: ChannelInboundHandler {
    typealias InboundIn = String
    typealias OutboundOut = ByteBuffer

    private let roster: BarrierRoster
    private let clock: WallClock

    init(roster: BarrierRoster, clock: WallClock) {
        self.roster = roster
        self.clock = clock
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let received = clock.now()
        guard let message = BarrierMessage.decode(line: unwrapInboundIn(data)) else {
            refuse("not a barrier message", context: context)
            return
        }
        switch message.type {
        case .ping:
            var pong = BarrierMessage(type: .pong, t0: message.t0, t1: received)
            pong.t2 = clock.now()
            write(pong, context: context)
        case .register:
            guard let shard = message.shard, let count = message.shards else {
                refuse("register needs shard and shards", context: context)
                return
            }
            if let problem = roster.register(shard: shard, of: count, channel: context.channel) {
                refuse(problem, context: context)
            }
        case .pong, .start, .abort:
            refuse("\(message.type.rawValue) is the coordinator's message, not a shard's", context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        roster.forget(channel: context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func write(_ message: BarrierMessage, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: message.encodedLine())), promise: nil)
    }

    private func refuse(_ reason: String, context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(string: BarrierMessage.abort(reason).encodedLine())
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
    }
}
