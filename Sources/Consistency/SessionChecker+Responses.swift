import IMAPProtocol
import Measurement

/// The checks on what the server reports: FETCH data, response codes, STATUS and SEARCH.
extension SessionChecker {
    func checkFetch(_ number: UInt32, _ attributes: [FetchAttribute], _ mailbox: MailboxView) {
        var reportedUID: UInt32?
        for case .uid(let value) in attributes { reportedUID = value }
        let known = mailbox.uid(atSequence: number)
        if let reportedUID, let known, reportedUID != known {
            violation(
                .uidChanged, mailbox, expected: "message \(number) has UID \(known)",
                observed: "FETCH \(number) UID \(reportedUID)")
        } else if let reportedUID {
            checkAscending(number, reportedUID, mailbox)
        }
        guard let uid = reportedUID ?? known else { return }
        checkFacts(uid, attributes, mailbox)
        for attribute in attributes {
            switch attribute {
            case .flags(let flags): checkFlags(uid, flags, mailbox)
            case .modSeq(let value):
                if let earlier = modSeqs[uid], value < earlier {
                    violation(
                        .modSeqDecreased, mailbox, expected: "UID \(uid) MODSEQ >= \(earlier)",
                        observed: "MODSEQ \(value)")
                }
                modSeqs[uid] = value
            default: break
            }
        }
    }

    private func checkAscending(_ number: UInt32, _ uid: UInt32, _ mailbox: MailboxView) {
        if number > 1, let before = mailbox.uid(atSequence: number - 1), before >= uid {
            violation(
                .uidNotAscending, mailbox, expected: "UID of \(number) > \(before) (the UID of \(number - 1))",
                observed: "FETCH \(number) UID \(uid)")
        } else if let after = mailbox.uid(atSequence: number + 1), after <= uid {
            violation(
                .uidNotAscending, mailbox, expected: "UID of \(number) < \(after) (the UID of \(number + 1))",
                observed: "FETCH \(number) UID \(uid)")
        }
    }

    /// Size, date, envelope and structure against what any session of the user saw for this UID.
    private func checkFacts(_ uid: UInt32, _ attributes: [FetchAttribute], _ mailbox: MailboxView) {
        guard isSynced, let model, model.uidValidity != nil, model.uidValidity == mailbox.uidValidity else { return }
        var facts = model.facts[uid] ?? MessageFacts()
        for attribute in attributes {
            switch attribute {
            case .rfc822Size(let size):
                compare(&facts.size, size, .sizeChanged, uid, mailbox, name: "RFC822.SIZE")
            case .internalDate(let text):
                compare(
                    &facts.internalDate, text.hashValue, .internalDateChanged, uid, mailbox, name: "INTERNALDATE",
                    text: text)
            case .envelope(let text):
                compare(&facts.envelope, text.hashValue, .envelopeChanged, uid, mailbox, name: "ENVELOPE", text: text)
            case .bodyStructure(let text, let extensible):
                if extensible {
                    compare(
                        &facts.bodyStructure, text.hashValue, .bodyStructureChanged, uid, mailbox,
                        name: "BODYSTRUCTURE", text: text)
                } else {
                    compare(&facts.body, text.hashValue, .bodyStructureChanged, uid, mailbox, name: "BODY", text: text)
                }
            default: break
            }
        }
        for case .body(let kind, let section, nil, let count?, _) in attributes
        where section.isEmpty && (kind == .body || kind == .rfc822) {
            if let size = facts.size, UInt64(count) != size {
                violation(
                    .bodySizeMismatch, mailbox, expected: "UID \(uid) BODY[] of RFC822.SIZE \(size) bytes",
                    observed: "\(count) bytes")
            }
        }
        model.facts[uid] = facts
    }

    private func compare<Value: Equatable>(
        _ stored: inout Value?, _ value: Value, _ id: CheckID, _ uid: UInt32, _ mailbox: MailboxView, name: String,
        text: String? = nil
    ) {
        if let earlier = stored, earlier != value {
            let expected = text == nil ? "UID \(uid) \(name) \(earlier)" : "UID \(uid) \(name) as first reported"
            violation(id, mailbox, expected: expected, observed: "\(name) \(text ?? "\(value)")")
        }
        stored = value
    }

    private func checkFlags(_ uid: UInt32, _ flags: [String], _ mailbox: MailboxView) {
        if !mailbox.definedFlags.isEmpty {
            let defined = Set(mailbox.definedFlags.map { $0.lowercased() })
            for flag in flags where !flag.hasPrefix("\\") && !defined.contains(flag.lowercased()) {
                violation(
                    .keywordUnannounced, mailbox, expected: "\(flag) in a FLAGS response first",
                    observed: "FETCH UID \(uid) FLAGS (\(flags.joined(separator: " ")))")
            }
        }
        if readWrite, let model, model.uidValidity == mailbox.uidValidity,
            flags.contains(where: { $0.lowercased() == "\\recent" })
        {
            if let other = model.recentClaims[uid], other != connection {
                violation(
                    .recentTwice, mailbox, expected: "UID \(uid) \\Recent to one session only",
                    observed: "\\Recent here and to another session of \(user)")
            } else {
                model.recentClaims[uid] = connection
            }
        }
        checkExpectation(uid, flags, mailbox)
    }

    private func checkExpectation(_ uid: UInt32, _ flags: [String], _ mailbox: MailboxView) {
        guard let expectation = expectations.removeValue(forKey: uid), let model, !model.tainted,
            model.flagActivity == expectation.flagActivity, model.flagChangersInFlight == 0
        else { return }
        let have = Set(flags.map { $0.lowercased() }).subtracting(["\\recent"])
        let stored = Set(expectation.flags.map { $0.lowercased() })
        let kept: Bool
        switch expectation.operation {
        case .add: kept = stored.isSubset(of: have)
        case .remove: kept = stored.isDisjoint(with: have)
        case .replace: kept = stored == have
        }
        if !kept {
            violation(
                .storeFlagsLost, mailbox, tag: expectation.tag,
                expected:
                    "UID \(uid) after \(expectation.operation.keyword) (\(expectation.flags.joined(separator: " ")))",
                observed: "FLAGS (\(flags.joined(separator: " ")))")
        }
    }

    func checkCode(_ code: ResponseCode, mailboxName name: String, _ mailbox: MailboxView) {
        switch code {
        case .uidValidity(let value): checkUIDValidity(value, of: name, mailbox)
        case .uidNext(let value): checkUIDNext(value, of: name, mailbox)
        case .highestModSeq(let value):
            if value < highestModSeq {
                violation(
                    .modSeqDecreased, mailbox, expected: "HIGHESTMODSEQ >= \(highestModSeq)", observed: "\(value)")
            }
            highestModSeq = max(highestModSeq, value)
        default: break
        }
    }

    func checkStatus(_ name: String, _ attributes: [String: UInt64], _ mailbox: MailboxView) {
        if let value = attributes["UIDVALIDITY"], let value32 = UInt32(exactly: value) {
            checkUIDValidity(value32, of: name, mailbox)
        }
        if let value = attributes["UIDNEXT"], let value32 = UInt32(exactly: value) {
            checkUIDNext(value32, of: name, mailbox)
        }
    }

    private func checkUIDValidity(_ value: UInt32, of name: String, _ mailbox: MailboxView) {
        guard let shared = registry.mailbox(user: user, name: name) else { return }
        if let earlier = shared.uidValidity, earlier != value {
            violation(
                .uidValidityChanged, mailbox, expected: "\(name) UIDVALIDITY \(earlier)",
                observed: "UIDVALIDITY \(value)")
        }
        if shared.uidValidity != value { shared.adopt(uidValidity: value) }
    }

    /// Within one connection only: two sessions' answers may arrive in another order than made.
    private func checkUIDNext(_ value: UInt32, of name: String, _ mailbox: MailboxView) {
        let key = ConsistencyRegistry.normalized(name)
        if let earlier = uidNexts[key], value < earlier {
            violation(
                .uidNextDecreased, mailbox, expected: "\(name) UIDNEXT >= \(earlier)", observed: "UIDNEXT \(value)")
        }
        uidNexts[key] = max(uidNexts[key] ?? 0, value)
    }

    /// SEARCH ALL by sequence number: every message the session knew of when it asked (no
    /// EXPUNGE may come during it), none beyond those it knows when it ends.
    func checkSearch(_ item: Pending, _ search: (certain: Bool, existsAtWrite: UInt32), _ mailbox: MailboxView) {
        guard search.certain, let model = item.model, model === self.model, !model.tainted,
            model.expungeGeneration == item.expungeGeneration, model.expungersInFlight == 0
        else { return }
        let result = Set(item.searchResult ?? [])
        if search.existsAtWrite > 0, let missing = (1...search.existsAtWrite).first(where: { !result.contains($0) }) {
            violation(
                .searchMissing, mailbox, tag: item.tag, expected: "SEARCH ALL: 1:\(search.existsAtWrite)",
                observed: "\(result.count) results, without \(missing)")
        }
        if let extra = result.first(where: { $0 == 0 || $0 > mailbox.exists }) {
            violation(
                .searchExtra, mailbox, tag: item.tag, expected: "SEARCH ALL within 1:\(mailbox.exists)",
                observed: "\(extra) among the results")
        }
    }
}
