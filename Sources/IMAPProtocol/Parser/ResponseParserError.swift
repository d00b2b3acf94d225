/// Why the response parser gave up, written for a person: what was expected, what came, and where.
///
/// After a parser throws one of these it is unusable; the connection should be closed.
public struct ResponseParserError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was expected and what came instead.
    public var reason: String
    /// A printable excerpt of the offending line (control bytes escaped, truncated).
    public var line: String
    /// Byte offset in the stream where the problem was found.
    public var offset: Int

    public init(reason: String, line: String, offset: Int) {
        self.reason = reason
        self.line = line
        self.offset = offset
    }

    public var description: String {
        "IMAP response rejected at byte \(offset): \(reason) in \"\(line)\""
    }
}
