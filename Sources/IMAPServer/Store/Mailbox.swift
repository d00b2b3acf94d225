import Foundation

/// One mailbox of one user. Every access happens under the owning `UserAccount`'s lock.
///
/// Messages are kept sorted by UID so a UID finds its message by binary search; sessions learn
/// about changes from an event log read from their own cursor, so keeping a session up to date
/// costs the number of changes, not the size of the mailbox.
final class Mailbox: @unchecked Sendable {
    var name: String
    var uidValidity: UInt32
    var uidNext: UInt32 = 1
    var subscribed = true
    private(set) var messages: [MessageRecord] = []
    /// UIDs at or above this have not yet been seen by any session (they are \Recent to the next one).
    var recentFloor: UInt32 = 1
    /// Every keyword a message of the mailbox has carried, in order of first use. FLAGS must name a
    /// keyword before any FETCH shows it (RFC 3501 §7.2.6), so the list only grows: a session knows
    /// what it has been told by how many it has seen.
    private(set) var keywords: [String] = []

    private(set) var events: [MailboxEvent] = []
    /// The absolute number of `events[0]`; cursors are absolute.
    private(set) var eventBase = 0
    var eventEnd: Int { eventBase + events.count }
    /// Cursor of each session that has the mailbox selected, to know which events can be dropped.
    var cursors: [Int: Int] = [:]
    var observers: [Int: MailboxObserver] = [:]

    init(name: String, uidValidity: UInt32) {
        self.name = name
        self.uidValidity = uidValidity
    }

    /// The index of the message with `uid`, or where it would be inserted.
    func lowerBound(uid: UInt32) -> Int {
        var low = 0
        var high = messages.count
        while low < high {
            let middle = (low + high) / 2
            if messages[middle].uid < uid { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func index(uid: UInt32) -> Int? {
        let index = lowerBound(uid: uid)
        return index < messages.count && messages[index].uid == uid ? index : nil
    }

    func event(at cursor: Int) -> MailboxEvent? {
        cursor >= eventBase && cursor < eventEnd ? events[cursor - eventBase] : nil
    }

    /// Adds a message at the next UID without recording an event (used while populating).
    func populate(content: MessageContent, flags: MessageFlags, internalDate: Int64) {
        learnKeywords(of: flags)
        messages.append(MessageRecord(uid: uidNext, flags: flags, internalDate: internalDate, content: content))
        uidNext += 1
    }

    @discardableResult
    func append(content: MessageContent, flags: MessageFlags, internalDate: Int64) -> UInt32 {
        let uid = uidNext
        populate(content: content, flags: flags, internalDate: internalDate)
        record(.appended(uid: uid))
        return uid
    }

    func setFlags(at index: Int, _ flags: MessageFlags, origin: Int) {
        guard messages[index].flags != flags else { return }
        learnKeywords(of: flags)
        messages[index].flags = flags
        record(.flagsChanged(uid: messages[index].uid, origin: origin))
    }

    /// Removes the messages whose UIDs satisfy `shouldRemove`; returns the removed UIDs in order.
    func expunge(where shouldRemove: (MessageRecord) -> Bool) -> [UInt32] {
        var removed: [UInt32] = []
        messages.removeAll { record in
            guard shouldRemove(record) else { return false }
            removed.append(record.uid)
            return true
        }
        for uid in removed { record(.expunged(uid: uid)) }
        return removed
    }

    /// Adds the keywords of `flags` the mailbox has not seen before (compared as IMAP atoms, ignoring ASCII case).
    func learnKeywords(of flags: MessageFlags) {
        for keyword in flags.keywords where !keywords.contains(where: { $0.equalsIgnoringASCIICase(keyword) }) {
            keywords.append(keyword)
        }
    }

    private func record(_ event: MailboxEvent) {
        events.append(event)
        for observer in observers.values { observer.notify() }
        trimEventsIfNeeded()
    }

    /// Drops events every selecting session has already read.
    private func trimEventsIfNeeded() {
        guard events.count > 2048 else { return }
        let oldest = cursors.values.min() ?? eventEnd
        let droppable = oldest - eventBase
        guard droppable > 1024 else { return }
        events.removeFirst(droppable)
        eventBase += droppable
    }
}
