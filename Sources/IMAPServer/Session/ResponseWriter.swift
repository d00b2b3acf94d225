import NIOCore

/// Accumulates the response bytes of one command. Large message bodies are kept as slices of
/// the shared message buffer instead of being copied.
struct ResponseWriter {
    /// Bodies at least this large are passed by reference.
    static let referenceThreshold = 8 * 1024

    private(set) var chunks: [ByteBuffer] = []
    private var current: ByteBuffer
    private let allocator: ByteBufferAllocator

    init(allocator: ByteBufferAllocator) {
        self.allocator = allocator
        current = allocator.buffer(capacity: 256)
    }

    var isEmpty: Bool { chunks.isEmpty && current.readableBytes == 0 }

    mutating func write(_ text: String) {
        current.writeString(text)
    }

    /// Writes `text` and CRLF.
    mutating func line(_ text: String) {
        current.writeString(text)
        current.writeStaticString("\r\n")
    }

    mutating func write(bytes: [UInt8]) {
        current.writeBytes(bytes)
    }

    /// Writes `{n}` CRLF and the bytes of `slice` (RFC 3501 §4.3 literal).
    mutating func literal(_ slice: ByteBuffer) {
        current.writeString("{\(slice.readableBytes)}\r\n")
        if slice.readableBytes >= Self.referenceThreshold {
            chunks.append(current)
            chunks.append(slice)
            current = allocator.buffer(capacity: 256)
        } else {
            var copy = slice
            current.writeBuffer(&copy)
        }
    }

    /// The bytes written so far, in order; the writer is empty afterwards.
    mutating func take() -> [ByteBuffer] {
        var result = chunks
        if current.readableBytes > 0 { result.append(current) }
        chunks = []
        current = allocator.buffer(capacity: 256)
        return result
    }
}
