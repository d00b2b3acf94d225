import IMAPProtocol
import Measurement

/// What each command does to the shared model when it is written and when it ends.
extension SessionChecker {
    func start(tag: String, command: Command, mailbox: MailboxView) -> Pending {
        var item = Pending(tag: tag, command: command, model: model)
        switch command {
        case .select(let name, _), .examine(let name):
            model = registry.mailbox(user: user, name: name)
            item.model = model
            if case .select = command { readWrite = true } else { readWrite = false }
            expectations = [:]
            modSeqs = [:]
            highestModSeq = 0
            syncedGeneration = nil
            markSync(&item)
        case .create(let name), .delete(let name):
            registry.makeVolatile(user: user, name: name)
        case .rename(let from, let to):
            registry.makeVolatile(user: user, name: from)
            registry.makeVolatile(user: user, name: to)
        case .store:
            beginFlagChange(&item)
        case .fetch(_, let items, _) where items.contains(where: \.setsSeen):
            beginFlagChange(&item)
        case .expunge:
            // EXPUNGE reports every expunge so far, its own and others' (RFC 3501 §6.4.3)
            markSync(&item)
            item.expunges = true
            model?.expungersInFlight += 1
        case .uidExpunge, .move, .close:
            item.expunges = true
            model?.expungersInFlight += 1
        case .noop, .check, .idle:
            markSync(&item)
        case .search(let criteria, false) where criteria.trimmingCharacters(in: .whitespaces).uppercased() == "ALL":
            item.searchAll = (isSynced, mailbox.exists)
            item.expungeGeneration = model?.expungeGeneration ?? 0
        default:
            break
        }
        return item
    }

    /// Whether this session has been told of every expunge of its mailbox: no expunge runs, and
    /// none ended since its last sync point. Until then a message may be expunged on the server
    /// but still numbered here, and servers answer FETCH for it with placeholder data (Dovecot:
    /// RFC822.SIZE 0, NIL envelope), or leave it out of SEARCH: the checks that read message data
    /// wait for it.
    var isSynced: Bool {
        guard let model else { return false }
        return model.expungersInFlight == 0 && syncedGeneration == model.expungeGeneration && !model.tainted
    }

    private func beginFlagChange(_ item: inout Pending) {
        guard let model else { return }
        item.changesFlags = true
        model.flagChangersInFlight += 1
        model.flagActivity &+= 1
        item.flagActivity = model.flagActivity
    }

    private func markSync(_ item: inout Pending) {
        guard let model = item.model, model.expungersInFlight == 0 else { return }
        item.syncsAt = model.expungeGeneration
    }

    func finish(_ item: Pending, status: ResponseStatus, mailbox: MailboxView) {
        let untouched = item.model.map { $0.flagActivity == item.flagActivity } ?? false
        release(item, answered: true)
        switch item.command {
        case .select, .examine:
            if status != .ok { model = nil }
            if status == .ok, let at = item.syncsAt { syncedGeneration = at }
        case .noop, .check, .idle:
            if status == .ok, let at = item.syncsAt, item.model === model {
                syncedGeneration = max(syncedGeneration ?? 0, at)
            }
        case .store(let set, let operation, let flags, _, let uid):
            // Only a STORE that nothing raced: the activity moved by exactly its own end.
            guard status == .ok, untouched, let model = item.model, model === self.model,
                model.flagChangersInFlight == 0,
                !model.tainted
            else { return }
            let expectation = FlagExpectation(
                operation: operation, flags: flags.filter { $0.lowercased() != "\\recent" },
                flagActivity: model.flagActivity, tag: item.tag)
            for messageUID in Self.uids(of: set, uid: uid, mailbox: mailbox) { expectations[messageUID] = expectation }
        case .expunge:
            // synced if no one else's expunge ended while it ran: the generation moved by its own end only
            if status == .ok, let at = item.syncsAt, let model = item.model, model === self.model,
                model.expungeGeneration == at &+ 1
            {
                syncedGeneration = model.expungeGeneration
            }
        case .search:
            if status == .ok, let search = item.searchAll { checkSearch(item, search, mailbox) }
        default:
            break
        }
    }

    /// The shared counters forget the command; an unanswered one taints its mailbox.
    func release(_ item: Pending, answered: Bool) {
        guard let model = item.model else { return }
        if item.changesFlags {
            model.flagChangersInFlight -= 1
            model.flagActivity &+= 1
        }
        if item.expunges {
            model.expungersInFlight -= 1
            model.expungeGeneration &+= 1
        }
        if !answered, item.changesFlags || item.expunges { model.tainted = true }
    }

    /// The UIDs a STORE's set names, as far as the view knows them; at most 1,000.
    static func uids(of set: SequenceSet, uid: Bool, mailbox: MailboxView) -> [UInt32] {
        var result: [UInt32] = []
        for element in set.elements {
            let range: ClosedRange<UInt32>
            switch element {
            case .single(let value): range = value...value
            case .range(let first, let last?): range = min(first, last)...max(first, last)
            case .range(let first, nil): range = first...max(first, uid ? first : mailbox.exists)
            case .last:
                if uid { continue }
                range = mailbox.exists...mailbox.exists
            }
            for value in range.prefix(1_000 - result.count) {
                if uid {
                    result.append(value)
                } else if let known = mailbox.uid(atSequence: value) {
                    result.append(known)
                }
            }
            if result.count >= 1_000 { break }
        }
        return result
    }
}

extension FetchItem {
    /// A FETCH of a body without PEEK sets \Seen (RFC 3501 §6.4.5): for the flag checks it is a STORE.
    var setsSeen: Bool {
        switch self {
        case .rfc822, .rfc822Text: return true
        case .bodySection(_, let peek, _), .binary(_, let peek): return !peek
        case .raw(let text): return text.uppercased().contains("BODY[") || text.uppercased() == "FULL"
        default: return false
        }
    }
}
