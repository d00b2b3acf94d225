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
