/// A session's view of its selected mailbox: the UIDs its sequence numbers stand for, how far
/// it has read the mailbox's event log, and the messages that are \Recent for it.
struct SelectedMailbox {
    let mailbox: Mailbox
    /// `uids[n - 1]` is the UID of sequence number n, as this client knows it.
    var uids: [UInt32]
    var cursor: Int
    var readOnly: Bool
    var recent: Set<UInt32> = []
    /// How many of the mailbox's `keywords` the client has been sent in FLAGS.
    var announcedKeywords = 0

    /// The index in `uids` of `uid`, by binary search.
    func index(ofUID uid: UInt32) -> Int? {
        let index = lowerBound(uid)
        return index < uids.count && uids[index] == uid ? index : nil
    }

    func lowerBound(_ uid: UInt32) -> Int {
        var low = 0
        var high = uids.count
        while low < high {
            let middle = (low + high) / 2
            if uids[middle] < uid { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The indexes (sequence number - 1) a set names, ascending and without duplicates.
    func indexes(_ set: MessageSet, uid: Bool) -> [Int] {
        var result: [Int] = []
        if uid {
            for range in set.resolved(largest: uids.last ?? 0) {
                var index = lowerBound(range.lowerBound)
                while index < uids.count, uids[index] <= range.upperBound {
                    result.append(index)
                    index += 1
                }
            }
        } else {
            for range in set.resolved(largest: UInt32(uids.count)) where range.lowerBound >= 1 {
                let upper = min(Int(range.upperBound), uids.count)
                if Int(range.lowerBound) <= upper { result.append(contentsOf: (Int(range.lowerBound) - 1)..<upper) }
            }
        }
        if set.ranges.count > 1 {
            result.sort()
            var unique: [Int] = []
            unique.reserveCapacity(result.count)
            for index in result where unique.last != index { unique.append(index) }
            return unique
        }
        return result
    }
}
