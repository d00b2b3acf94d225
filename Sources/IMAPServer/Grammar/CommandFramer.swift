import NIOCore

/// Cuts the byte stream from a client into command frames (lines plus literals) before any
/// grammar runs, so the parser never sees half a command (RFC 3501 §4.3, RFC 7888 LITERAL+).
///
/// A pure state machine: the channel handler feeds it its cumulation buffer and acts on events.
struct CommandFramer {
    enum Event {
        case frame(CommandFrame)
        /// A synchronizing literal `{n}` was announced: the client waits for `+` before sending it.
        case continuationNeeded
        /// The line or literal is larger than the limits; the bytes so far were discarded.
        case tooLarge
    }

    var maximumLineLength = 256 * 1024
    var maximumLiteralSize = 64 * 1024 * 1024

    private var text: [UInt8] = []
    private var literals: [ByteBuffer] = []
    private var literalBytesExpected: Int?
    /// After an oversized line, bytes up to the next LF are skipped.
    private var discardingLine = false

    /// True when nothing of a command has been read yet.
    var isBetweenCommands: Bool { text.isEmpty && literalBytesExpected == nil && !discardingLine }

    mutating func next(_ buffer: inout ByteBuffer) -> Event? {
        while true {
            if let expected = literalBytesExpected {
                guard let literal = buffer.readSlice(length: expected) else { return nil }
                literals.append(literal)
                literalBytesExpected = nil
            }
            guard let lineFeed = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
                if text.count + buffer.readableBytes > maximumLineLength {
                    buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
                    reset()
                    discardingLine = true
                    return .tooLarge
                }
                return nil
            }
            let lineLength = lineFeed - buffer.readerIndex
            if discardingLine {
                buffer.moveReaderIndex(forwardBy: lineLength + 1)
                discardingLine = false
                continue
            }
            let segmentStart = text.count
            buffer.readWithUnsafeReadableBytes { bytes in
                var end = lineLength
                if end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                text.append(contentsOf: bytes[0..<end])
                return lineLength + 1
            }
            if let (size, synchronizing) = trailingLiteralMarker(segmentStart: segmentStart) {
                guard size <= maximumLiteralSize else {
                    reset()
                    return .tooLarge
                }
                literalBytesExpected = size
                if synchronizing { return .continuationNeeded }
                continue
            }
            let frame = CommandFrame(text: text, literals: literals)
            reset()
            return .frame(frame)
        }
    }

    private mutating func reset() {
        text.removeAll(keepingCapacity: true)
        literals = []
        literalBytesExpected = nil
    }

    /// Reads `{123}` or `{123+}` at the end of the line just added (which starts at `segmentStart`).
    private func trailingLiteralMarker(segmentStart: Int) -> (Int, Bool)? {
        guard text.count > segmentStart, text.last == UInt8(ascii: "}") else { return nil }
        var index = text.count - 2
        var synchronizing = true
        if index >= 0, text[index] == UInt8(ascii: "+") {
            synchronizing = false
            index -= 1
        }
        var value = 0
        var multiplier = 1
        var digits = 0
        while index >= 0, let digit = text[index].asciiDigit, digits < 10 {
            value += digit * multiplier
            multiplier *= 10
            digits += 1
            index -= 1
        }
        guard digits > 0, index >= segmentStart, text[index] == UInt8(ascii: "{") else { return nil }
        return (value, synchronizing)
    }
}

extension UInt8 {
    var asciiDigit: Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self - UInt8(ascii: "0")) : nil
    }
}
