extension Session {
    /// Brings the selected view up to date with changes made by other sessions, writing EXISTS,
    /// RECENT, EXPUNGE and FETCH (FLAGS) responses (RFC 3501 §7.3, §7.4).
    ///
    /// When `allowExpunge` is false the log is read only up to the first expunge, which waits
    /// for a command where EXPUNGE responses are allowed.
    func synchronize(into writer: inout ResponseWriter, allowExpunge: Bool) {
        guard var view = selected, let account else { return }
        let mailbox = view.mailbox
        account.withLock {
            // before the FETCH (FLAGS) below that may show the new keywords
            announceKeywords(&view, into: &writer)
            guard view.cursor < mailbox.eventEnd else { return }
            var announcedCount = view.uids.count
            var recentBefore = view.recent.count
            func announceExists() {
                guard view.uids.count != announcedCount else { return }
                writer.line("* \(view.uids.count) EXISTS")
                if view.recent.count != recentBefore { writer.line("* \(view.recent.count) RECENT") }
                announcedCount = view.uids.count
                recentBefore = view.recent.count
            }
            // A registered cursor is never trimmed away; this only guards against misuse.
            view.cursor = max(view.cursor, mailbox.eventBase)
            eventLoop: while let event = mailbox.event(at: view.cursor) {
                switch event {
                case .appended(let uid):
                    view.uids.append(uid)
                    if !view.readOnly, uid >= mailbox.recentFloor {
                        view.recent.insert(uid)
                        // recent-twice: the next session to look sees it \Recent as well
                        if !faults.fires(.recentTwice) { mailbox.recentFloor = uid + 1 }
                    }
                case .expunged(let uid):
                    guard allowExpunge else { break eventLoop }
                    announceExists()
                    if let index = view.index(ofUID: uid) {
                        if !faults.fires(.missExpunge) { writer.line("* \(index + 1) EXPUNGE") }
                        view.uids.remove(at: index)
                        view.recent.remove(uid)
                        announcedCount -= 1
                    }
                case .flagsChanged(let uid, let origin):
                    guard origin != identifier, let index = view.index(ofUID: uid),
                        let recordIndex = mailbox.index(uid: uid)
                    else { break }
                    // The message may be one appended meanwhile: its number must be announced first.
                    announceExists()
                    let flags = mailbox.messages[recordIndex].flags.text(recent: view.recent.contains(uid))
                    writer.line("* \(index + 1) FETCH (UID \(uid) FLAGS (\(flags)))")
                }
                view.cursor += 1
            }
            announceExists()
            mailbox.cursors[identifier] = view.cursor
        }
        selected = view
    }

    /// Leaves the selected state without expunging (UNSELECT, or before a new SELECT).
    func deselect() {
        if let view = selected, let account {
            account.withLock {
                view.mailbox.cursors.removeValue(forKey: identifier)
                view.mailbox.observers.removeValue(forKey: identifier)
            }
        }
        selected = nil
        if state == .selected { enter(.authenticated) }
    }
}
