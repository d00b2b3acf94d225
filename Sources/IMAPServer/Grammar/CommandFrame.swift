import NIOCore

/// One complete command as cut from the stream: its text with CRLFs removed, and the bytes of
/// each literal in order.
///
/// The text keeps each `{n}` / `{n+}` marker, so `CommandReader` knows where literal number k
/// goes:
///
///     C: a1 APPEND INBOX {5}     ->  text "a1 APPEND INBOX {5}", literals ["hello"]
///     C: hello
struct CommandFrame {
    var text: [UInt8]
    var literals: [ByteBuffer]
}
