/// The bytes of one tagged command, cut where the client must wait for a `+` continuation.
public struct EncodedCommand: Sendable, Hashable {
    /// What is written at once: the whole command, unless it must wait for a continuation.
    public var first: [UInt8]
    /// Parts written one by one, each after a `+` continuation (a synchronizing literal, or the
    /// SASL PLAIN response when SASL-IR is not offered); empty for almost every command.
    ///
    /// Kept apart from `first` so that a command in one part allocates one array, not two: an
    /// array of parts cost one allocation more per command on the generator's hottest path.
    public var continuations: [[UInt8]]

    public init(first: [UInt8], continuations: [[UInt8]] = []) {
        self.first = first
        self.continuations = continuations
    }

    /// Every part in order: the first, then each continuation.
    public var parts: [[UInt8]] { [first] + continuations }

    /// Total bytes written for the command.
    public var byteCount: Int { continuations.reduce(first.count) { $0 + $1.count } }
}
