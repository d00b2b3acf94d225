/// An incremental, push-style parser for the server side of IMAP (RFC 3501 §7, RFC 9051 §7).
///
/// Bytes are fed as they arrive, in any chunking; each complete response is handed to `emit`.
public struct ResponseParser: Sendable {
    /// Bounds that keep memory finite whatever the server sends.
    public struct Limits: Sendable, Hashable {
        /// Bytes of one response line, excluding literals.
        public var maxLineLength: Int = 1_048_576
        public var maxLiteralSize: Int = 256 << 20
        /// Parenthesis depth.
        public var maxNestingDepth: Int = 64
        public var maxFetchAttributes: Int = 64
        public init() {}
    }

    public let limits: Limits
    public let keepBodies: Bool
    /// Receives message body literal bytes (FETCH BODY[], BINARY[], RFC822*) as they stream by.
    public var bodySink: (@Sendable (ArraySlice<UInt8>) -> Void)?

    public init(limits: Limits = Limits(), keepBodies: Bool = false) {
        self.limits = limits
        self.keepBodies = keepBodies
    }

    /// Feeds bytes as they arrived; calls `emit` for each complete response.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (Response) throws -> Void) throws {}

    /// Convenience for arrays.
    public mutating func feed(_ bytes: [UInt8], _ emit: (Response) throws -> Void) throws {
        try bytes.withUnsafeBytes { try feed($0, emit) }
    }

    /// Bytes held while waiting for the rest of a response.
    public var bufferedByteCount: Int { 0 }
}
