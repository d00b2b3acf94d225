/// The bytes of one tagged command, cut where the client must wait for a `+` continuation.
public struct EncodedCommand: Sendable, Hashable {
    /// Bytes to write; the client writes parts[0], and before each later part waits for a `+` continuation
    /// (a synchronizing literal, or the SASL PLAIN response when SASL-IR is not offered).
    public var parts: [[UInt8]]

    public init(parts: [[UInt8]]) {
        self.parts = parts
    }

    /// Total bytes written for the command.
    public var byteCount: Int { parts.reduce(0) { $0 + $1.count } }
}
