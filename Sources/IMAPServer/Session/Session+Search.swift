extension Session {
    // search = "SEARCH" [SP "CHARSET" SP astring] 1*(SP search-key)
    func search(tag: String, key: SearchKey, uid: Bool, into writer: inout ResponseWriter) -> SessionReply {
        guard let view = selected, let account else { return .bad(tag, "no mailbox selected") }
        var matches: [UInt32] = []
        account.withLock {
            // Records are read in place through the buffer: copying one would retain its content,
            // which many users share, on every message of every SEARCH.
            view.mailbox.messages.withUnsafeBufferPointer { messages in
                var recordIndex = 0
                // Both lists are sorted by UID, so one walk pairs each sequence number with its record.
                for (index, messageUID) in view.uids.enumerated() {
                    while recordIndex < messages.count, messages[recordIndex].uid < messageUID { recordIndex += 1 }
                    guard recordIndex < messages.count, messages[recordIndex].uid == messageUID else { continue }
                    let candidate = SearchCandidate(
                        sequenceNumber: UInt32(index + 1), recent: view.recent.contains(messageUID),
                        largestSequence: UInt32(view.uids.count), largestUID: view.uids.last ?? 0)
                    if candidate.matches(key, messages[recordIndex]) {
                        matches.append(uid ? messageUID : UInt32(index + 1))
                    }
                }
            }
        }
        if !matches.isEmpty, faults.fires(.searchMiss) { matches.removeFirst() }
        writer.write("* SEARCH")
        for match in matches {
            writer.write(" ")
            writer.write(number: match)
        }
        writer.write("\r\n")
        return .ok(tag, "\(uid ? "UID " : "")SEARCH completed")
    }
}

/// One message as SEARCH sees it, besides its record. The record is borrowed, not stored: a
/// copy would retain its content, which many users share, on every message of every SEARCH.
struct SearchCandidate {
    var sequenceNumber: UInt32
    var recent: Bool
    var largestSequence: UInt32
    var largestUID: UInt32

    func matches(_ key: SearchKey, _ record: borrowing MessageRecord) -> Bool {
        switch key {
        case .all: return true
        case .and(let keys):
            for inner in keys where !matches(inner, record) { return false }
            return true
        case .not(let inner): return !matches(inner, record)
        case .or(let left, let right): return matches(left, record) || matches(right, record)
        case .flag(let name, let set): return record.flags.contains(name) == set
        case .systemFlag(let bit, let set): return (record.flags.system & bit != 0) == set
        case .recent(let wanted): return recent == wanted
        case .new: return recent && record.flags.system & MessageFlags.seen == 0
        case .header(let field, let value): return Self.headerContains(field, value, record.content)
        case .body(let value): return Self.contains(value, in: record.content.root.bodyRange, record.content)
        case .text(let value): return Self.contains(value, in: 0..<record.content.size, record.content)
        case .before(let day, let sent): return (Self.day(sent: sent, record) ?? .max) < day
        case .on(let day, let sent): return Self.day(sent: sent, record) == day
        case .since(let day, let sent): return (Self.day(sent: sent, record) ?? .min) >= day
        case .larger(let size): return record.content.size > size
        case .smaller(let size): return record.content.size < size
        case .uid(let set): return set.contains(record.uid, largest: largestUID)
        case .sequence(let set): return set.contains(sequenceNumber, largest: largestSequence)
        }
    }

    private static func day(sent: Bool, _ record: borrowing MessageRecord) -> Int64? {
        sent ? record.content.sentDay : Self.floorDay(record.internalDate)
    }

    static func floorDay(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    }

    /// Case-insensitive substring match on the unfolded header values named `field` (already lower-cased).
    private static func headerContains(_ field: String, _ value: String, _ content: MessageContent) -> Bool {
        content.headerFields.contains { $0.name == field && (value.isEmpty || $0.value.lowercased().contains(value)) }
    }

    /// ASCII case-insensitive substring search in the raw bytes.
    private static func contains(_ value: String, in range: Range<Int>, _ content: MessageContent) -> Bool {
        let needle = Array(value.utf8)
        guard !needle.isEmpty else { return true }
        guard range.count >= needle.count else { return false }
        let buffer = content.buffer
        return buffer.withUnsafeReadableBytes { bytes in
            let firstLower = needle[0]
            let firstUpper = firstLower >= 97 && firstLower <= 122 ? firstLower - 32 : firstLower
            var index = range.lowerBound
            let last = range.upperBound - needle.count
            while index <= last {
                let byte = bytes[index]
                if byte == firstLower || byte == firstUpper {
                    var offset = 1
                    while offset < needle.count, lower(bytes[index + offset]) == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
