import NIOCore

/// Accumulates the response bytes of one command. Large message bodies are kept as slices of
/// the shared message buffer instead of being copied.
struct ResponseWriter {
    /// Bodies at least this large are passed by reference.
    static let referenceThreshold = 8 * 1024

    private(set) var chunks: [ByteBuffer] = []
    /// Allocated on first write, so a command that writes nothing allocates nothing.
    private var current: ByteBuffer?
    private let allocator: ByteBufferAllocator

    init(allocator: ByteBufferAllocator) {
        self.allocator = allocator
    }

    var isEmpty: Bool { chunks.isEmpty && (current?.readableBytes ?? 0) == 0 }

    mutating func write(_ text: String) {
        if current == nil { current = allocator.buffer(capacity: 256) }
        current?.writeString(text)
    }

    /// Writes the decimal digits of `value` straight into the buffer (no String in between:
    /// SEARCH and FETCH write many numbers per command).
    mutating func write(number value: UInt32) {
        if current == nil { current = allocator.buffer(capacity: 256) }
        guard value >= 10 else {
            current?.writeInteger(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        )
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { bytes in
            while rest > 0 {
                bytes[9 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            current?.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[(10 - count)...]))
        }
    }

    /// Writes `text` and CRLF.
    mutating func line(_ text: String) {
        write(text)
        current?.writeStaticString("\r\n")
    }

    /// Writes `{n}` CRLF and the bytes of `slice` (RFC 3501 §4.3 literal).
    mutating func literal(_ slice: ByteBuffer) {
        write("{\(slice.readableBytes)}\r\n")
        if slice.readableBytes >= Self.referenceThreshold {
            if let written = current { chunks.append(written) }
            chunks.append(slice)
            current = nil
        } else {
            var copy = slice
            current?.writeBuffer(&copy)
        }
    }

    /// The bytes written so far, in order; the writer is empty afterwards.
    mutating func take() -> [ByteBuffer] {
        var result = chunks
        if let written = current, written.readableBytes > 0 { result.append(written) }
        chunks = []
        current = nil
        return result
    }
}
