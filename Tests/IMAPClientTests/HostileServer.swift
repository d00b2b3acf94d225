import NIOCore
import NIOPosix

/// What the scripted server does wrong.
enum HostileBehaviour: Sendable {
    /// Answers the first command with bytes that are not IMAP.
    case garbage
    /// Answers with a single line of `size` bytes.
    case hugeLine(size: Int)
    /// Announces a literal of `announced` bytes, sends `sent` of them, then disconnects.
    case shortLiteral(announced: Int, sent: Int)
    /// Answers the first command, then sends BYE and closes once `after` commands arrived.
    case byeAfter(Int)
    /// Greets, then never answers.
    case silent
    /// Sends its greeting one byte every 100 ms.
    case dripGreeting
    /// Greets normally, then answers each command one byte every 100 ms.
    case dripResponse
    /// Accepts STARTTLS and injects a plaintext response right behind the OK, in the same packet.
    case startTLSInjection
    /// Polite but terse: every command gets a plain OK, with no response code (not even after LOGIN).
    case terseOK
}

/// A tiny in-process IMAP server that misbehaves on purpose, listening on a free loopback port.
final class HostileServer {
    let channel: Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    init(_ behaviour: HostileBehaviour, group: EventLoopGroup) throws {
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HostileServerHandler(behaviour))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    func stop() {
        try? channel.close().wait()
    }
}

/// The per-connection script of `HostileServer`.
final class HostileServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let behaviour: HostileBehaviour
    private var received: [UInt8] = []
    private var commandCount = 0

    init(_ behaviour: HostileBehaviour) {
        self.behaviour = behaviour
    }

    func channelActive(context: ChannelHandlerContext) {
        if case .dripGreeting = behaviour {
            drip(Array("* OK slow greeting\r\n".utf8), context: context)
        } else {
            send(Array("* OK [CAPABILITY IMAP4rev1 LITERAL+ STARTTLS] hostile server ready\r\n".utf8), context: context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        while let lineFeed = received.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: received[..<lineFeed], as: UTF8.self)
            received.removeSubrange(...lineFeed)
            commandCount += 1
            respond(tag: String(line.split(separator: " ").first ?? "*"), context: context)
        }
    }

    private func respond(tag: String, context: ChannelHandlerContext) {
        switch behaviour {
        case .garbage:
            send([0x00, 0xFF, 0x28, 0x28, 0x7B] + Array(" )))} not imap at all\r\n".utf8), context: context)
        case .hugeLine(let size):
            send(Array("* OK ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: size) + [13, 10], context: context)
        case .shortLiteral(let announced, let sent):
            send(
                Array("* 1 FETCH (BODY[] {\(announced)}\r\n".utf8) + [UInt8](repeating: 0x41, count: sent),
                context: context)
            context.close(promise: nil)
        case .byeAfter(let count):
            if commandCount == 1 { send(Array("\(tag) OK first one\r\n".utf8), context: context) }
            if commandCount == count {
                send(Array("* BYE going away mid-pipeline\r\n".utf8), context: context)
                context.close(promise: nil)
            }
        case .silent, .dripGreeting:
            break
        case .startTLSInjection:
            send(Array("\(tag) OK begin TLS now\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n".utf8), context: context)
        case .dripResponse:
            drip(Array("\(tag) OK slowly\r\n".utf8), context: context)
        case .terseOK:
            send(Array("* CAPABILITY IMAP4rev1 IDLE\r\n\(tag) OK done\r\n".utf8), context: context)
        }
    }

    private func send(_ bytes: [UInt8], context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    /// Sends one byte every 100 ms.
    private func drip(_ bytes: [UInt8], context: ChannelHandlerContext) {
        let channel = context.channel
        for (index, byte) in bytes.enumerated() {
            channel.eventLoop.scheduleTask(in: .milliseconds(100 * Int64(index + 1))) {
                guard channel.isActive else { return }
                channel.writeAndFlush(channel.allocator.buffer(bytes: [byte]), promise: nil)
            }
        }
    }
}
