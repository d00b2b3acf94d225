import NIOCore

/// Cuts the barrier connection into lines (without the `\n`), refusing absurdly long ones: a
/// barrier message is a few dozen bytes, so a long line is a peer that is not a shard. The
/// coordinator allows far longer lines, since results come as one line each
/// (`BarrierMessage.maximumResultLineLength`).
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = String
    static let maximumLength = 4096

    struct LineTooLong: Error {}

    let maximumLength: Int
    /// Bytes of the pending line already searched for a newline: a result line arrives in many
    /// reads, and searching it from its start each time would cost its length squared.
    private var searched = 0

    init(maximumLength: Int = Self.maximumLength) {
        self.maximumLength = maximumLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.dropFirst(min(searched, view.count)).firstIndex(of: UInt8(ascii: "\n")) else {
            searched = view.count
            if buffer.readableBytes > maximumLength { throw LineTooLong() }
            return .needMoreData
        }
        searched = 0
        let length = newline - buffer.readerIndex
        let line = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        .needMoreData
    }
}
