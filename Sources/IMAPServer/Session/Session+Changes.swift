import IMAPProtocol

extension Session {
    // store = "STORE" SP sequence-set SP store-att-flags
    func store(
        tag: String, set: MessageSet, action: StoreOperation, flags names: [String], silent: Bool, uid: Bool,
        into writer: inout ResponseWriter
    ) -> SessionReply {
        guard var view = selected, let account else { return .bad(tag, "no mailbox selected") }
        if view.readOnly { return .no(tag, "mailbox is read-only") }
        let changes = MessageFlags(names: names)
        let loses = faults.fires(.loseFlags)
        let updated: [(Int, UInt32, MessageFlags)] = account.withLock {
            let changed: [(Int, UInt32, MessageFlags)] = view.indexes(set, uid: uid).compactMap { index in
                guard let recordIndex = view.mailbox.index(uid: view.uids[index]) else { return nil }
                var flags = view.mailbox.messages[recordIndex].flags
                switch action {
                case .add: names.forEach { flags.insert($0) }
                case .remove: names.forEach { flags.remove($0) }
                case .replace: flags = changes
                }
                if loses {
                    view.mailbox.learnKeywords(of: flags)
                } else {
                    view.mailbox.setFlags(at: recordIndex, flags, origin: identifier)
                }
                return (index, view.uids[index], flags)
            }
            announceKeywords(&view, into: &writer)
            return changed
        }
        selected = view
        if !silent {
            for (index, messageUID, flags) in updated {
                let uidText = uid ? "UID \(messageUID) " : ""
                writer.line(
                    "* \(index + 1) FETCH (\(uidText)FLAGS (\(flags.text(recent: view.recent.contains(messageUID)))))")
            }
        }
        return .ok(tag, "\(uid ? "UID " : "")STORE completed")
    }

    /// COPY and MOVE (RFC 6851), with COPYUID (RFC 4315).
    func copy(
        tag: String, set: MessageSet, destination: String, uid: Bool, move: Bool, into writer: inout ResponseWriter
    ) -> SessionReply {
        guard let view = selected, let account else { return .bad(tag, "no mailbox selected") }
        if move, view.readOnly { return .no(tag, "mailbox is read-only") }
        let result: (UInt32, [UInt32], [UInt32])? = account.withLock {
            guard let target = account.mailbox(named: destination) else { return nil }
            var sources: [UInt32] = []
            var copies: [UInt32] = []
            for index in view.indexes(set, uid: uid) {
                guard let recordIndex = view.mailbox.index(uid: view.uids[index]) else { continue }
                let record = view.mailbox.messages[recordIndex]
                sources.append(record.uid)
                copies.append(
                    target.append(content: record.content, flags: record.flags, internalDate: record.internalDate))
            }
            if move {
                let moved = Set(sources)
                _ = view.mailbox.expunge { moved.contains($0.uid) }
            }
            return (target.uidValidity, sources, copies)
        }
        guard let (validity, sources, copies) = result else { return .no(tag, "no such mailbox", code: "TRYCREATE") }
        let name = move ? "MOVE" : "COPY"
        guard !sources.isEmpty else { return .ok(tag, "\(name) completed, nothing to do") }
        let code = "COPYUID \(validity) \(Self.compactSet(sources)) \(Self.compactSet(copies))"
        if move {
            writer.line("* OK [\(code)] moved")
            synchronize(into: &writer, allowExpunge: true)
            return .ok(tag, "\(uid ? "UID " : "")MOVE completed")
        }
        return .ok(tag, "\(uid ? "UID " : "")COPY completed", code: code)
    }

    // expunge = "EXPUNGE" ; uid-expunge = "UID" SP "EXPUNGE" SP sequence-set
    func expunge(tag: String, uids: MessageSet?, into writer: inout ResponseWriter) -> SessionReply {
        guard let view = selected, let account else { return .bad(tag, "no mailbox selected") }
        if view.readOnly { return .no(tag, "mailbox is read-only") }
        account.withLock {
            let largest = view.uids.last ?? 0
            _ = view.mailbox.expunge { record in
                record.flags.system & MessageFlags.deleted != 0
                    && (uids?.contains(record.uid, largest: largest) ?? true)
            }
        }
        synchronize(into: &writer, allowExpunge: true)
        return .ok(tag, "\(uids == nil ? "" : "UID ")EXPUNGE completed")
    }

    /// CLOSE expunges silently when read-write, then deselects.
    func close(tag: String) -> SessionReply {
        if let view = selected, !view.readOnly, let account {
            account.withLock { _ = view.mailbox.expunge { $0.flags.system & MessageFlags.deleted != 0 } }
        }
        deselect()
        return .ok(tag, "CLOSE completed")
    }

    /// `1,2,3,7` -> `1:3,7`, as UIDPLUS response codes list UIDs.
    static func compactSet(_ values: [UInt32]) -> String {
        var parts: [String] = []
        var index = 0
        while index < values.count {
            var end = index
            while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
            parts.append(end == index ? "\(values[index])" : "\(values[index]):\(values[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
