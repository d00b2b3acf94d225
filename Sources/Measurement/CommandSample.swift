/// One completed tag, as the driver hands it to a `LatencyRecorder`.
public struct CommandSample: Sendable {
    /// Command kind, e.g. "UID FETCH".
    public var command: String
    /// Profile operation name, e.g. "fetch-headers".
    public var operation: String
    public var outcome: Outcome
    /// Intended (open model) or due (closed model) send time to tagged completion.
    public var responseNanos: UInt64
    /// First byte written to completion; nil if the command was never written.
    public var serviceNanos: UInt64?
    /// Intended send time to first byte written; nil if never written.
    public var sendLagNanos: UInt64?
    /// The generator's own part of the send lag: from the later of the intended time and the moment
    /// the server let the command go (a full pipeline got room, or an RFC 3501 §5.5 wait for the
    /// commands in flight ended) to the first byte written. A stalled server makes `sendLagNanos`
    /// large but not this, so the health verdict does not blame the generator for the server.
    /// nil: the same as `sendLagNanos`.
    public var ownSendLagNanos: UInt64?
    public var bytesIn: Int
    public var bytesOut: Int
    /// Untagged responses received while this tag was outstanding.
    public var untagged: Int

    public init(
        command: String, operation: String, outcome: Outcome, responseNanos: UInt64,
        serviceNanos: UInt64? = nil, sendLagNanos: UInt64? = nil, ownSendLagNanos: UInt64? = nil,
        bytesIn: Int = 0, bytesOut: Int = 0, untagged: Int = 0
    ) {
        self.command = command
        self.operation = operation
        self.outcome = outcome
        self.responseNanos = responseNanos
        self.serviceNanos = serviceNanos
        self.sendLagNanos = sendLagNanos
        self.ownSendLagNanos = ownSendLagNanos
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.untagged = untagged
    }
}
