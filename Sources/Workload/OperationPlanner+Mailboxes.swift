import Foundation
import IMAPProtocol

extension OperationPlanner {
    /// CREATE, DELETE and RENAME act only on mailboxes this session made, named under its own
    /// prefix, so concurrent sessions never step on each other or on real mailboxes.
    mutating func planMailboxChange(
        _ operation: borrowing ProfileOperation, facts: some MailboxFacts, using rng: inout SeededRandom
    )
        -> PlannedStep
    {
        switch operation.type {
        case .create:
            let name = newMailboxName(operation, facts: facts)
            createdMailboxes.append(name)
            return .send(.create(mailbox: name))
        case .delete:
            guard !createdMailboxes.isEmpty else { return .skip(reason: SkipReason.nothingCreated) }
            let name = createdMailboxes.remove(at: rng.nextIndex(below: createdMailboxes.count))
            return .send(.delete(mailbox: name))
        default:
            guard !createdMailboxes.isEmpty else { return .skip(reason: SkipReason.nothingCreated) }
            let index = rng.nextIndex(below: createdMailboxes.count)
            let newName = newMailboxName(operation, facts: facts)
            let oldName = createdMailboxes[index]
            createdMailboxes[index] = newName
            return .send(.rename(from: oldName, to: newName))
        }
    }

    /// `imapbench-s3/m17` (or `imapbench-s3-m17` when the server's delimiter is unknown).
    private func newMailboxName(_ operation: borrowing ProfileOperation, facts: some MailboxFacts) -> String {
        let tag = runTag.isEmpty ? "" : "\(runTag)-"
        let folder = "\(operation.prefix ?? "imapbench")-\(tag)s\(session)"
        let separator = facts.hierarchyDelimiter.map(String.init) ?? "-"
        return "\(folder)\(separator)m\(counter)"
    }

    /// Fills a raw template's placeholders; a template naming a message is skipped when the
    /// mailbox is empty, like every operation that needs messages.
    mutating func planRaw(
        _ operation: borrowing ProfileOperation, facts: some MailboxFacts, using rng: inout SeededRandom
    ) -> PlannedStep {
        var text = operation.template ?? ""
        if text.contains("{seq}") || text.contains("{uid}") {
            guard facts.selectedMailbox != nil else { return .skip(reason: SkipReason.noMailboxSelected) }
            guard facts.exists > 0 else { return .skip(reason: SkipReason.mailboxEmpty) }
            let sequence = UInt32(rng.nextIndex(below: Int(facts.exists)) + 1)
            text = text.replacingPlaceholder("{seq}", with: String(sequence))
            if text.contains("{uid}") {
                guard let uid = facts.uid(atSequence: sequence) else {
                    return .skip(reason: "the UID of a message is not known")
                }
                text = text.replacingPlaceholder("{uid}", with: String(uid))
            }
        }
        text = text.replacingPlaceholder("{mailbox}", with: facts.selectedMailbox ?? defaultMailbox)
        text = text.replacingPlaceholder("{n}", with: String(counter))
        text = text.replacingPlaceholder("{user}", with: user)
        return .send(.raw(text))
    }
}

extension String {
    /// Replaces every occurrence of `placeholder` (Foundation-free, templates are short).
    func replacingPlaceholder(_ placeholder: String, with value: String) -> String {
        guard contains(placeholder) else { return self }
        return components(separatedBy: placeholder).joined(separator: value)
    }
}
