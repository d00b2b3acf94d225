import Foundation
import NIOCore

extension Session {
    func select(tag: String, name: String, readOnly: Bool, into writer: inout ResponseWriter) -> SessionReply {
        deselect()
        guard let account else { return .bad(tag, "not authenticated") }
        let opened: SelectedMailbox? = account.withLock {
            guard let mailbox = account.mailbox(named: name) else { return nil }
            var view = SelectedMailbox(
                mailbox: mailbox, uids: mailbox.messages.map(\.uid), cursor: mailbox.eventEnd, readOnly: readOnly)
            if !readOnly {
                view.recent = Set(view.uids.filter { $0 >= mailbox.recentFloor })
                // recent-twice: the next session to select sees them \Recent as well
                if view.recent.isEmpty || !faults.fires(.recentTwice) { mailbox.recentFloor = mailbox.uidNext }
            }
            mailbox.cursors[identifier] = view.cursor
            let firstUnseen = mailbox.messages.firstIndex { $0.flags.system & MessageFlags.seen == 0 }
            Self.writeFlags(of: view, into: &writer)
            view.announcedKeywords = mailbox.keywords.count
            writer.line("* \(view.uids.count) EXISTS")
            writer.line("* \(view.recent.count) RECENT")
            if let firstUnseen { writer.line("* OK [UNSEEN \(firstUnseen + 1)] first unseen") }
            let validity = mailbox.uidValidity &+ (faults.fires(.changeUIDValidity) ? 1 : 0)
            writer.line("* OK [UIDVALIDITY \(validity)] UIDs valid")
            writer.line("* OK [UIDNEXT \(mailbox.uidNext)] predicted next UID")
            return view
        }
        guard let opened else { return .no(tag, "no such mailbox \(name)", code: "NONEXISTENT") }
        selected = opened
        enter(.selected)
        return .ok(tag, "\(readOnly ? "EXAMINE" : "SELECT") completed", code: readOnly ? "READ-ONLY" : "READ-WRITE")
    }

    func create(tag: String, name: String) -> SessionReply {
        guard let account, !name.isEmpty else { return .bad(tag, "mailbox name required") }
        let trimmed = name.hasSuffix("/") ? String(name.dropLast()) : name
        let created = account.withLock { account.createMailbox(trimmed) != nil }
        return created ? .ok(tag, "CREATE completed") : .no(tag, "mailbox already exists", code: "ALREADYEXISTS")
    }

    func delete(tag: String, name: String) -> SessionReply {
        guard let account else { return .bad(tag, "not authenticated") }
        if UserAccount.canonical(name) == "INBOX" { return .no(tag, "INBOX cannot be deleted") }
        if selected?.mailbox.name == UserAccount.canonical(name) { deselect() }
        let removed = account.withLock { account.removeMailbox(name) != nil }
        return removed ? .ok(tag, "DELETE completed") : .no(tag, "no such mailbox", code: "NONEXISTENT")
    }

    func rename(tag: String, from: String, to: String) -> SessionReply {
        guard let account else { return .bad(tag, "not authenticated") }
        let outcome: SessionReply = account.withLock {
            guard let mailbox = account.mailbox(named: from) else {
                return .no(tag, "no such mailbox", code: "NONEXISTENT")
            }
            guard account.mailbox(named: to) == nil else { return .no(tag, "target exists", code: "ALREADYEXISTS") }
            if mailbox.name == "INBOX" {
                // RFC 3501 §6.3.5: renaming INBOX moves its messages and leaves INBOX empty.
                guard let target = account.createMailbox(to) else { return .no(tag, "cannot create target") }
                for record in mailbox.messages {
                    target.append(content: record.content, flags: record.flags, internalDate: record.internalDate)
                }
                _ = mailbox.expunge { _ in true }
            } else {
                account.renameMailbox(mailbox, to: to)
            }
            return .ok(tag, "RENAME completed")
        }
        return outcome
    }

    func subscribe(tag: String, name: String, subscribed: Bool) -> SessionReply {
        guard let account else { return .bad(tag, "not authenticated") }
        let found = account.withLock { () -> Bool in
            guard let mailbox = account.mailbox(named: name) else { return false }
            mailbox.subscribed = subscribed
            return true
        }
        return found || !subscribed ? .ok(tag, "completed") : .no(tag, "no such mailbox", code: "NONEXISTENT")
    }

    func list(
        tag: String, reference: String, pattern: String, subscribedOnly: Bool, into writer: inout ResponseWriter
    ) -> SessionReply {
        let command = subscribedOnly ? "LSUB" : "LIST"
        guard let account else { return .bad(tag, "not authenticated") }
        if pattern.isEmpty {
            writer.line("* \(command) (\\Noselect) \"/\" \"\"")
            return .ok(tag, "\(command) completed")
        }
        let fullPattern = reference + pattern
        let entries = account.withLock {
            account.allMailboxes.filter { !subscribedOnly || $0.subscribed }.map(\.name)
        }
        for name in entries where MailboxPattern.matches(name, pattern: fullPattern) {
            let hasChildren = entries.contains { $0.hasPrefix(name + "/") }
            var attributes = [hasChildren ? "\\HasChildren" : "\\HasNoChildren"]
            if let special = MailboxPattern.specialUse[name] { attributes.append(special) }
            writer.line("* \(command) (\(attributes.joined(separator: " "))) \"/\" \(IMAPString.mailbox(name))")
        }
        return .ok(tag, "\(command) completed")
    }

    func status(tag: String, name: String, items: [String], into writer: inout ResponseWriter) -> SessionReply {
        guard let account else { return .bad(tag, "not authenticated") }
        let values: [String]? = account.withLock {
            guard let mailbox = account.mailbox(named: name) else { return nil }
            return items.compactMap { item -> String? in
                switch item {
                case "MESSAGES": return "MESSAGES \(mailbox.messages.count)"
                case "RECENT": return "RECENT \(mailbox.messages.filter { $0.uid >= mailbox.recentFloor }.count)"
                case "UIDNEXT": return "UIDNEXT \(mailbox.uidNext)"
                case "UIDVALIDITY": return "UIDVALIDITY \(mailbox.uidValidity)"
                case "UNSEEN":
                    return "UNSEEN \(mailbox.messages.filter { $0.flags.system & MessageFlags.seen == 0 }.count)"
                case "SIZE": return "SIZE \(mailbox.messages.reduce(0) { $0 + $1.content.size })"
                default: return nil
                }
            }
        }
        guard let values else { return .no(tag, "no such mailbox", code: "NONEXISTENT") }
        writer.line("* STATUS \(IMAPString.mailbox(UserAccount.canonical(name))) (\(values.joined(separator: " ")))")
        return .ok(tag, "STATUS completed")
    }

    func append(tag: String, name: String, flags: [String], date: Int64?, message: ByteBuffer) -> SessionReply {
        guard let account else { return .bad(tag, "not authenticated") }
        // Analyse outside the lock: it is the only step whose cost grows with the message.
        let content = MessageContent(bytes: Array(message.readableBytesView))
        let internalDate = date ?? Int64(Date().timeIntervalSince1970)
        let appended: (UInt32, UInt32)? = account.withLock {
            guard let mailbox = account.mailbox(named: name) else { return nil }
            let uid = mailbox.append(content: content, flags: MessageFlags(names: flags), internalDate: internalDate)
            return (mailbox.uidValidity, uid)
        }
        guard let (validity, uid) = appended else { return .no(tag, "no such mailbox", code: "TRYCREATE") }
        return .ok(tag, "APPEND completed", code: "APPENDUID \(validity) \(uid)")
    }
}
