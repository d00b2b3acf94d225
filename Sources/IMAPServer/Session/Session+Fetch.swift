import NIOCore

extension Session {
    // fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")
    func fetch(
        tag: String, set: MessageSet, items requested: [FetchRequestItem], uid: Bool, into writer: inout ResponseWriter
    ) -> SessionReply {
        guard var view = selected, let account else { return .bad(tag, "no mailbox selected") }
        let items = Self.withoutRepeats(requested)
        let marksSeen = !view.readOnly && items.contains { $0.setsSeen }
        // Take the records under the lock, render outside it.
        let records: [(Int, MessageRecord, Bool)] = account.withLock {
            // another session may have given these messages a keyword this one was not told of
            announceKeywords(&view, into: &writer)
            return view.indexes(set, uid: uid).compactMap { index in
                guard let recordIndex = view.mailbox.index(uid: view.uids[index]) else { return nil }
                var record = view.mailbox.messages[recordIndex]
                var changed = false
                if marksSeen, record.flags.system & MessageFlags.seen == 0 {
                    record.flags.system |= MessageFlags.seen
                    view.mailbox.setFlags(at: recordIndex, record.flags, origin: identifier)
                    changed = true
                }
                return (index, record, changed)
            }
        }
        selected = view
        let wantsUID = uid && !items.contains(.uid)
        var lies = records.isEmpty ? FetchFalsehoods() : FetchFalsehoods(drawingFrom: &faults)
        for (index, record, flagsChanged) in records {
            writer.write("* \(index + 1) FETCH (")
            var first = true
            if wantsUID {
                writer.write("UID \(lies.uid(record.uid))")
                first = false
            }
            for item in items {
                if !first { writer.write(" ") }
                first = false
                render(item, of: record, recent: view.recent.contains(record.uid), lies: lies, into: &writer)
            }
            lies = FetchFalsehoods()
            if flagsChanged, !items.contains(.flags) {
                writer.write(" FLAGS (\(record.flags.text(recent: view.recent.contains(record.uid))))")
            }
            writer.write(")\r\n")
        }
        return .ok(tag, "\(uid ? "UID " : "")FETCH completed")
    }

    /// FETCH items in the order asked, each once: `FETCH 1 (UID UID)` is answered with one UID.
    /// Returns `items` itself (no copy on the per-FETCH path) unless an item repeats.
    static func withoutRepeats(_ items: [FetchRequestItem]) -> [FetchRequestItem] {
        let repeats = items.indices.contains { index in items[..<index].contains(items[index]) }
        guard repeats else { return items }
        var unique: [FetchRequestItem] = []
        unique.reserveCapacity(items.count)
        for item in items where !unique.contains(item) { unique.append(item) }
        return unique
    }

    private func render(
        _ item: FetchRequestItem, of record: MessageRecord, recent: Bool, lies: FetchFalsehoods,
        into writer: inout ResponseWriter
    ) {
        let content = record.content
        switch item {
        case .flags: writer.write("FLAGS (\(lies.flags(record.flags.text(recent: recent))))")
        case .uid: writer.write("UID \(lies.uid(record.uid))")
        case .internalDate: writer.write("INTERNALDATE \(IMAPDate.formatDateTime(record.internalDate))")
        case .rfc822Size: writer.write("RFC822.SIZE \(lies.size(content.size))")
        case .envelope: writer.write("ENVELOPE \(content.envelope)")
        case .bodyStructure(let extensible):
            writer.write(extensible ? "BODYSTRUCTURE \(content.bodyStructure)" : "BODY \(content.body)")
        case .rfc822:
            writer.write("RFC822 ")
            writer.literal(content.buffer)
        case .rfc822Header:
            writer.write("RFC822.HEADER ")
            writer.literal(slice(content, content.root.headerRange))
        case .rfc822Text:
            writer.write("RFC822.TEXT ")
            writer.literal(slice(content, content.root.bodyRange))
        case .section(let request): renderSection(request, of: content, into: &writer)
        }
    }

    private func renderSection(
        _ request: BodySectionRequest, of content: MessageContent, into writer: inout ResponseWriter
    ) {
        var data: ByteBuffer
        switch request.text {
        case .headerFields, .headerFieldsNot:
            data = ByteBuffer(bytes: content.filteredHeader(request))
        default:
            data = content.sectionRange(request).map { slice(content, $0) } ?? ByteBuffer()
        }
        writer.write("BODY[\(request.label)]")
        if let partial = request.partial {
            writer.write("<\(partial.origin)>")
            let origin = min(partial.origin, data.readableBytes)
            let count = min(partial.count, data.readableBytes - origin)
            data = data.getSlice(at: data.readerIndex + origin, length: count) ?? ByteBuffer()
        }
        writer.write(" ")
        writer.literal(data)
    }

    private func slice(_ content: MessageContent, _ range: Range<Int>) -> ByteBuffer {
        content.buffer.getSlice(at: content.buffer.readerIndex + range.lowerBound, length: range.count) ?? ByteBuffer()
    }
}

extension FetchRequestItem {
    /// BODY[...] without PEEK, RFC822 and RFC822.TEXT set \Seen (RFC 3501 §6.4.5).
    var setsSeen: Bool {
        switch self {
        case .rfc822, .rfc822Text: return true
        case .section(let request): return !request.peek
        default: return false
        }
    }
}
