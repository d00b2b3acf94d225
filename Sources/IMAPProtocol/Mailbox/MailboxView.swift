/// What the client knows about the selected mailbox, kept in step with untagged responses.
public struct MailboxView: Sendable, Hashable {
    public var name: String?
    public var readOnly: Bool
    public private(set) var exists: UInt32
    public private(set) var recent: UInt32
    public private(set) var uidValidity: UInt32?
    public private(set) var uidNext: UInt32?
    /// The flags defined in the mailbox (untagged FLAGS).
    public private(set) var definedFlags: [String] = []
    /// Highest mod-sequence (RFC 7162), when the server reports one.
    public private(set) var highestModSeq: UInt64?

    public init() {
        name = nil
        readOnly = false
        exists = 0
        recent = 0
    }

    public mutating func reset(selecting name: String?, readOnly: Bool) {
        self = MailboxView()
        self.name = name
        self.readOnly = readOnly
    }

    public mutating func apply(_ response: UntaggedResponse) {}
    public mutating func apply(code: ResponseCode) {}
    public func uid(atSequence seq: UInt32) -> UInt32? { nil }
    public func flags(atSequence seq: UInt32) -> [String]? { nil }
    public var knownUIDCount: Int { 0 }
}
