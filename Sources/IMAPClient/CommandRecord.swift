import IMAPProtocol
import NIOCore

/// How a command ended. Every end is an outcome; a command future never fails.
public enum CommandOutcome: String, Sendable, CaseIterable {
    case ok, no, bad, bye, disconnected
    case timedOut = "timeout"
    case protocolError = "protocol_error"
}

/// What the measurement layer needs to know about one command; the connection keeps no statistics itself.
public struct CommandRecord: Sendable {
    public var tag: String
    /// `Command.kind`, for example "UID FETCH".
    public var kind: String
    public var outcome: CommandOutcome
    /// From the tagged response, or `nil` when the command did not get one.
    public var code: ResponseCode?
    /// The tagged response's text, or a description of the failure.
    public var text: String
    public var bytesWritten: Int
    /// Bytes of the tagged response plus untagged data received while this was the oldest command in flight.
    public var bytesRead: Int
    public var untaggedCount: Int
    public var enqueued: NIODeadline
    public var firstByteWritten: NIODeadline?
    public var firstResponseByte: NIODeadline?
    public var completed: NIODeadline

    public init(
        tag: String, kind: String, outcome: CommandOutcome, code: ResponseCode? = nil, text: String = "",
        bytesWritten: Int = 0, bytesRead: Int = 0, untaggedCount: Int = 0, enqueued: NIODeadline,
        firstByteWritten: NIODeadline? = nil, firstResponseByte: NIODeadline? = nil, completed: NIODeadline
    ) {
        self.tag = tag
        self.kind = kind
        self.outcome = outcome
        self.code = code
        self.text = text
        self.bytesWritten = bytesWritten
        self.bytesRead = bytesRead
        self.untaggedCount = untaggedCount
        self.enqueued = enqueued
        self.firstByteWritten = firstByteWritten
        self.firstResponseByte = firstResponseByte
        self.completed = completed
    }
}
