/// What a command demands of the commands around it (RFC 3501 §5.5, RFC 9051 §5.5).
public struct PipeliningRequirements: OptionSet, Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Waits for the pipeline to drain, and nothing else is sent while it runs.
    public static let barrier = PipeliningRequirements(rawValue: 1 << 0)
    /// Its arguments or results are message sequence numbers.
    public static let usesSequenceNumbers = PipeliningRequirements(rawValue: 1 << 1)
    /// The server may send EXPUNGE while it runs (any command except FETCH, STORE, SEARCH).
    public static let mayExpunge = PipeliningRequirements(rawValue: 1 << 2)
}
