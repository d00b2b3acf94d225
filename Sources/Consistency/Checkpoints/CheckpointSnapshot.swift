import IMAPProtocol
import Measurement

/// One session's view of its mailbox at a checkpoint, taken after its sync and a
/// `UID FETCH 1:* (FLAGS)`: the count, the UID of every sequence number and every message's flags.
struct CheckpointSnapshot {
    let checker: SessionChecker
    /// The mailbox as the registry keys it (`ConsistencyRegistry.normalized`).
    let mailbox: String
    let tag: String
    let exists: UInt32
    /// By sequence number (index 0 is message 1); 0 where the FETCH did not say.
    let uids: [UInt32]
    /// Lowercased and sorted, without \Recent (which belongs to one session by definition).
    let flags: [[String]]

    init(checker: SessionChecker, mailbox view: MailboxView, tag: String) {
        self.checker = checker
        self.mailbox = ConsistencyRegistry.normalized(view.name ?? "")
        self.tag = tag
        exists = view.exists
        var uids: [UInt32] = []
        var flags: [[String]] = []
        uids.reserveCapacity(Int(view.exists))
        flags.reserveCapacity(Int(view.exists))
        for number in UInt32(1)...max(1, view.exists) where number <= view.exists {
            uids.append(view.uid(atSequence: number) ?? 0)
            let known = view.flags(atSequence: number) ?? []
            flags.append(known.map { $0.lowercased() }.filter { $0 != "\\recent" }.sorted())
        }
        self.uids = uids
        self.flags = flags
    }

    /// The first way `other` differs from this one, as a check ID with the expected and observed texts.
    func difference(from other: CheckpointSnapshot) -> (CheckID, expected: String, observed: String)? {
        let here = "session \(checker.session)"
        let there = "session \(other.checker.session)"
        if exists != other.exists {
            return (
                .checkpointExistsDiffers, "\(exists) messages, as \(here) saw", "\(other.exists) messages in \(there)"
            )
        }
        if let index = uids.indices.first(where: { uids[$0] != other.uids[$0] }) {
            return (
                .checkpointUIDsDiffer, "message \(index + 1) is UID \(uids[index]), as \(here) saw",
                "UID \(other.uids[index]) in \(there)"
            )
        }
        if let index = flags.indices.first(where: { flags[$0] != other.flags[$0] }) {
            let text = { (flags: [String]) in "(\(flags.joined(separator: " ")))" }
            return (
                .checkpointFlagsDiffer, "UID \(uids[index]) FLAGS \(text(flags[index])), as \(here) saw",
                "FLAGS \(text(other.flags[index])) in \(there)"
            )
        }
        return nil
    }
}
