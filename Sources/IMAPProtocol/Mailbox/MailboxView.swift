/// What the client knows about the selected mailbox, kept in step with untagged responses, so the
/// workload never names a sequence number that does not exist (some servers silently clamp it).
///
/// Per message it keeps the UID and flags when a FETCH reported them; EXPUNGE renumbers by removing
/// one array element (a memmove, cheap even for 10k messages).
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

    /// UID of message n at index n-1; 0 when unknown (0 is never a valid UID).
    private var uids: [UInt32] = []
    /// Flags of message n at index n-1; `nil` when unknown.
    private var messageFlags: [[String]?] = []
    private var knownUIDs = 0

    public init() {
        name = nil
        readOnly = false
        exists = 0
        recent = 0
    }

    /// Starts over for a SELECT/EXAMINE (or `nil` after CLOSE/UNSELECT).
    public mutating func reset(selecting name: String?, readOnly: Bool) {
        self = MailboxView()
        self.name = name
        self.readOnly = readOnly
    }

    /// EXISTS, RECENT, EXPUNGE (renumber), VANISHED, FETCH (UID, FLAGS), FLAGS, and codes of OK lines.
    public mutating func apply(_ response: UntaggedResponse) {
        switch response {
        case .exists(let count): resize(to: count)
        case .recent(let count): recent = count
        case .expunge(let sequenceNumber): remove(at: sequenceNumber)
        case .vanished(let earlier, let set): if !earlier { removeUIDs(in: set) }
        case .fetch(let sequenceNumber, let attributes): record(attributes, at: sequenceNumber)
        case .flags(let flags): definedFlags = flags
        case .condition(let state): if let code = state.code { apply(code: code) }
        default: break
        }
    }

    /// UIDVALIDITY, UIDNEXT, READ-ONLY/READ-WRITE, HIGHESTMODSEQ.
    public mutating func apply(code: ResponseCode) {
        switch code {
        case .uidValidity(let value):
            if let uidValidity, uidValidity != value { forgetUIDs() }
            uidValidity = value
        case .uidNext(let value): uidNext = value
        case .readOnly: readOnly = true
        case .readWrite: readOnly = false
        case .highestModSeq(let value): highestModSeq = value
        default: break
        }
    }

    /// The UID of message `seq`, `nil` when unknown or out of range.
    public func uid(atSequence seq: UInt32) -> UInt32? {
        guard seq >= 1, seq <= exists, Int(seq) <= uids.count else { return nil }
        let uid = uids[Int(seq) - 1]
        return uid == 0 ? nil : uid
    }

    /// The flags of message `seq`, `nil` when unknown or out of range.
    public func flags(atSequence seq: UInt32) -> [String]? {
        guard seq >= 1, seq <= exists, Int(seq) <= messageFlags.count else { return nil }
        return messageFlags[Int(seq) - 1]
    }

    /// How many messages have a known UID.
    public var knownUIDCount: Int { knownUIDs }

    private mutating func resize(to count: UInt32) {
        let target = Int(count)
        if target > uids.count {
            uids.append(contentsOf: repeatElement(0, count: target - uids.count))
            messageFlags.append(contentsOf: repeatElement(nil, count: target - messageFlags.count))
        } else if target < uids.count {
            // EXISTS may not shrink the mailbox (RFC 3501 §7.3.1); a server that does it is believed.
            knownUIDs -= uids[target...].reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
            uids.removeSubrange(target...)
            messageFlags.removeSubrange(target...)
        }
        exists = count
    }

    private mutating func remove(at sequenceNumber: UInt32) {
        guard sequenceNumber >= 1, sequenceNumber <= exists else { return }
        let index = Int(sequenceNumber) - 1
        if index < uids.count {
            if uids.remove(at: index) != 0 { knownUIDs -= 1 }
            messageFlags.remove(at: index)
        }
        exists -= 1
        if recent > exists { recent = exists }
    }

    /// VANISHED without EARLIER (RFC 7162 §3.2.10) names only messages this session was told of.
    /// Known UIDs are removed where they stand. A UID not found belongs to a message whose UID was
    /// never fetched: the count drops by those too (at most one per such message, since a range may
    /// span UIDs that never existed), and as their positions are unknown, so are everyone's: the
    /// UIDs are forgotten. The count is what keeps sequence numbers valid.
    private mutating func removeUIDs(in set: SequenceSet) {
        let before = exists
        var index = uids.count - 1
        while index >= 0 {
            if uids[index] != 0, set.contains(uids[index]) { remove(at: UInt32(index + 1)) }
            index -= 1
        }
        let withoutKnownUID = UInt64(exists) - UInt64(min(Int(exists), knownUIDs))
        let unlocated = min(withoutKnownUID, set.vanishedCount.saturatingSubtract(UInt64(before - exists)))
        guard unlocated > 0 else { return }
        resize(to: exists - UInt32(unlocated))
        forgetUIDs()
        if recent > exists { recent = exists }
    }

    private mutating func record(_ attributes: [FetchAttribute], at sequenceNumber: UInt32) {
        guard sequenceNumber >= 1, sequenceNumber <= exists, Int(sequenceNumber) <= uids.count else { return }
        let index = Int(sequenceNumber) - 1
        for attribute in attributes {
            switch attribute {
            case .uid(let uid):
                if uids[index] == 0, uid != 0 { knownUIDs += 1 }
                if uid != 0 { uids[index] = uid }
            case .flags(let flags): messageFlags[index] = flags
            default: break
            }
        }
    }

    private mutating func forgetUIDs() {
        uids = Array(repeating: 0, count: uids.count)
        messageFlags = Array(repeating: nil, count: messageFlags.count)
        knownUIDs = 0
    }
}

extension SequenceSet {
    /// How many UIDs a VANISHED set names: its ranges are closed (RFC 7162 sends no `*`).
    var vanishedCount: UInt64 {
        elements.reduce(0) { total, element in
            switch element {
            case .single, .last: return total + 1
            case .range(let first, let last?): return total + UInt64(max(first, last) - min(first, last)) + 1
            case .range(_, nil): return total
            }
        }
    }

    /// Whether `value` is in the set (`*` stands for the largest value, so `n:*` contains everything from n).
    public func contains(_ value: UInt32) -> Bool {
        elements.contains { element in
            switch element {
            case .single(let number): return number == value
            case .range(let first, let last?): return value >= min(first, last) && value <= max(first, last)
            case .range(let first, nil): return value >= first
            case .last: return false
            }
        }
    }
}

extension UInt64 {
    fileprivate func saturatingSubtract(_ other: UInt64) -> UInt64 { self > other ? self - other : 0 }
}
