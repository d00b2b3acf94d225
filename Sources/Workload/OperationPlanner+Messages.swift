import IMAPProtocol

extension OperationPlanner {
    /// FETCH, STORE, COPY and MOVE: choose the message set, then build the command.
    mutating func planMessageCommand(
        _ operation: borrowing ProfileOperation, facts: some MailboxFacts, using rng: inout SeededRandom
    )
        -> PlannedStep
    {
        let (set, uid) = messageSet(for: operation, facts: facts, using: &rng)
        switch operation.type {
        case .fetch:
            guard let random = operation.randomItems else {
                return .send(.fetch(set, items: operation.fetchItems, uid: uid))
            }
            return .send(.fetch(set, items: random.draw(after: operation.fetchItems, using: &rng), uid: uid))
        case .fetchBody:
            return .send(.fetch(set, items: operation.fetchItems, uid: uid))
        case .store:
            let action = operation.action ?? .add
            return .send(
                .store(set, action, flags: operation.flags ?? ["\\Seen"], silent: operation.silent ?? false, uid: uid))
        case .copy:
            return .send(.copy(set, mailbox: operation.mailbox ?? defaultMailbox, uid: uid))
        default:
            return .send(.move(set, mailbox: operation.mailbox ?? defaultMailbox, uid: uid))
        }
    }

    /// The message set and whether it holds UIDs. Sequence numbers never exceed `exists`
    /// (callers have checked it is at least 1); when UIDs were asked for but the session does
    /// not know them, the same messages are named by sequence number instead.
    func messageSet(
        for operation: borrowing ProfileOperation, facts: some MailboxFacts, using rng: inout SeededRandom
    )
        -> (SequenceSet, uid: Bool)
    {
        let exists = facts.exists
        let wantUID = operation.uid ?? false
        let sequences: [UInt32]
        switch operation.messages ?? .random(1) {
        case .uids(let set):
            return (set, true)
        case .all:
            return rangeSet(1, exists, facts: facts, wantUID: wantUID)
        case .newest(let count):
            let first = exists > UInt32(clamping: count) ? exists - UInt32(clamping: count) + 1 : 1
            return rangeSet(first, exists, facts: facts, wantUID: wantUID)
        case .random(1):
            // The common case, without the arrays of the general one.
            let sequence = UInt32(rng.nextIndex(below: Int(exists)) + 1)
            if wantUID, let uid = facts.uid(atSequence: sequence) { return (.single(uid), true) }
            return (.single(sequence), false)
        case .random(let count):
            sequences = Self.distinctSample(count: count, from: exists, using: &rng)
        }
        if wantUID {
            let uids = sequences.compactMap { facts.uid(atSequence: $0) }
            if uids.count == sequences.count { return (Self.compress(uids.sorted()), true) }
        }
        return (Self.compress(sequences), false)
    }

    private func rangeSet(
        _ first: UInt32, _ last: UInt32, facts: some MailboxFacts, wantUID: Bool
    ) -> (SequenceSet, uid: Bool) {
        if wantUID, let low = facts.uid(atSequence: first), let high = facts.uid(atSequence: last) {
            return (first == last ? .single(low) : .range(low, high), true)
        }
        return (first == last ? .single(first) : .range(first, last), false)
    }

    /// `count` distinct numbers from 1...total, sorted (Floyd's algorithm: O(count)).
    static func distinctSample(count: Int, from total: UInt32, using rng: inout SeededRandom) -> [UInt32] {
        let wanted = min(max(count, 1), Int(total))
        if wanted == 1 { return [UInt32(rng.nextIndex(below: Int(total)) + 1)] }
        if wanted == Int(total) { return Array(1...total) }
        var chosen = Set<UInt32>(minimumCapacity: wanted)
        for upper in (Int(total) - wanted + 1)...Int(total) {
            let candidate = UInt32(rng.nextIndex(below: upper) + 1)
            chosen.insert(chosen.contains(candidate) ? UInt32(upper) : candidate)
        }
        return chosen.sorted()
    }

    /// Sorted numbers as the shortest set of singles and ranges (`1,3:5,9`).
    static func compress(_ numbers: [UInt32]) -> SequenceSet {
        var elements: [SequenceSet.Element] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count && numbers[end + 1] <= numbers[end] &+ 1 { end += 1 }
            elements.append(index == end ? .single(numbers[index]) : .range(numbers[index], numbers[end]))
            index = end + 1
        }
        return SequenceSet(elements)
    }
}
