extension Session {
    // search = "SEARCH" [SP "CHARSET" SP astring] 1*(SP search-key)
    func search(tag: String, key: SearchKey, uid: Bool, into writer: inout ResponseWriter) -> SessionReply {
        guard let view = selected, let account else { return .bad(tag, "no mailbox selected") }
        var matches: [UInt32] = []
        account.withLock {
            let messages = view.mailbox.messages
            var recordIndex = 0
            // Both lists are sorted by UID, so one walk pairs each sequence number with its record.
            for (index, messageUID) in view.uids.enumerated() {
                while recordIndex < messages.count, messages[recordIndex].uid < messageUID { recordIndex += 1 }
                guard recordIndex < messages.count, messages[recordIndex].uid == messageUID else { continue }
                let candidate = SearchCandidate(
                    sequenceNumber: UInt32(index + 1), record: messages[recordIndex],
                    recent: view.recent.contains(messageUID), largestSequence: UInt32(view.uids.count),
                    largestUID: view.uids.last ?? 0)
                if candidate.matches(key) { matches.append(uid ? messageUID : UInt32(index + 1)) }
            }
        }
        writer.write("* SEARCH")
        for match in matches {
            writer.write(" ")
            writer.write(number: match)
        }
        writer.write("\r\n")
        return .ok(tag, "\(uid ? "UID " : "")SEARCH completed")
    }
}

/// One message as SEARCH sees it.
struct SearchCandidate {
    var sequenceNumber: UInt32
    var record: MessageRecord
    var recent: Bool
    var largestSequence: UInt32
    var largestUID: UInt32

    func matches(_ key: SearchKey) -> Bool {
        switch key {
        case .all: return true
        case .and(let keys): return keys.allSatisfy(matches)
        case .not(let inner): return !matches(inner)
        case .or(let left, let right): return matches(left) || matches(right)
        case .flag(let name, let set): return record.flags.contains(name) == set
        case .systemFlag(let bit, let set): return (record.flags.system & bit != 0) == set
        case .recent(let wanted): return recent == wanted
        case .new: return recent && record.flags.system & MessageFlags.seen == 0
        case .header(let field, let value): return headerContains(field, value)
        case .body(let value): return contains(value, in: record.content.root.bodyRange)
        case .text(let value): return contains(value, in: 0..<record.content.size)
        case .before(let day, let sent): return (self.day(sent: sent) ?? .max) < day
        case .on(let day, let sent): return self.day(sent: sent) == day
        case .since(let day, let sent): return (self.day(sent: sent) ?? .min) >= day
        case .larger(let size): return record.content.size > size
        case .smaller(let size): return record.content.size < size
        case .uid(let set): return set.contains(record.uid, largest: largestUID)
        case .sequence(let set): return set.contains(sequenceNumber, largest: largestSequence)
        }
    }

    private func day(sent: Bool) -> Int64? {
        sent ? record.content.sentDay : Self.floorDay(record.internalDate)
    }

    static func floorDay(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    }

    /// Case-insensitive substring match on the unfolded header values named `field` (already lower-cased).
    private func headerContains(_ field: String, _ value: String) -> Bool {
        record.content.headerFields.contains { $0.name == field && (value.isEmpty || $0.value.lowercased().contains(value)) }
    }

    /// ASCII case-insensitive substring search in the raw bytes.
    private func contains(_ value: String, in range: Range<Int>) -> Bool {
        let needle = Array(value.utf8)
        guard !needle.isEmpty else { return true }
        guard range.count >= needle.count else { return false }
        let buffer = record.content.buffer
        return buffer.withUnsafeReadableBytes { bytes in
            let firstLower = needle[0]
            let firstUpper = firstLower >= 97 && firstLower <= 122 ? firstLower - 32 : firstLower
            var index = range.lowerBound
            let last = range.upperBound - needle.count
            while index <= last {
                let byte = bytes[index]
                if byte == firstLower || byte == firstUpper {
                    var offset = 1
                    while offset < needle.count, Self.lower(bytes[index + offset]) == needle[offset] { offset += 1 }
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
