import NIOCore

/// One shard's connection at the coordinator: answers pings with the two coordinator
/// timestamps, passes registrations to the roster, and after the run takes the shard's result
/// into the inbox (a connection that closes first is a lost shard).
final class CoordinatorHandler: ChannelInboundHandler {
    typealias InboundIn = String
    typealias OutboundOut = ByteBuffer

    private let roster: BarrierRoster
    private let inbox: ResultInbox
    private let clock: WallClock
    /// Set once this connection's shard has registered.
    private var shard: Int?

    init(roster: BarrierRoster, inbox: ResultInbox, clock: WallClock) {
        self.roster = roster
        self.inbox = inbox
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
            } else {
                self.shard = shard
            }
        case .result:
            receiveResult(message, context: context)
        case .pong, .start, .abort, .received:
            refuse("\(message.type.rawValue) is the coordinator's message, not a shard's", context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        roster.forget(channel: context.channel)
        if let shard {
            // a no-op once its result is in
            inbox.lose(
                shard: shard, reason: "its connection closed before it sent a result (the shard died or was stopped)")
        }
        context.fireChannelInactive()
    }

    /// Takes a registered shard's files and acknowledges them, so the shard knows it may exit.
    private func receiveResult(_ message: BarrierMessage, context: ChannelHandlerContext) {
        guard let shard, message.shard == shard, let files = message.files else {
            refuse("a result needs the sender's registered shard number and its files", context: context)
            return
        }
        inbox.deliver(shard: shard, files: files)
        write(.received(shard: shard), context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func write(_ message: BarrierMessage, context: ChannelHandlerContext) {
        context.writeAndFlush(
            wrapOutboundOut(context.channel.allocator.buffer(string: message.encodedLine())), promise: nil)
    }

    private func refuse(_ reason: String, context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(string: BarrierMessage.abort(reason).encodedLine())
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
    }
}
