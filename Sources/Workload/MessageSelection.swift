import IMAPProtocol

/// Which messages of the selected mailbox an operation acts on.
///
/// Written `all`, `{random: 5}` (k existing messages chosen at random), `{newest: 20}`
/// (the last n), or `{uids: "1:10,15"}` (a fixed UID set, sent as a UID command).
public enum MessageSelection: Codable, Hashable, Sendable {
    case all
    case random(Int)
    case newest(Int)
    case uids(SequenceSet)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case random, newest, uids
    }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == "all" else {
                throw decoder.profileError(
                    "\(decoder.profilePath) must be all, {random: K}, {newest: N} or {uids: SET}; found '\(word)'")
            }
            self = .all
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw decoder.profileError("\(decoder.profilePath) must have exactly one of random, newest or uids")
        }
        switch key {
        case .random, .newest:
            let count = try container.decode(Int.self, forKey: key)
            if count < 1 {
                throw decoder.profileError(
                    "\(decoder.profilePath).\(key.rawValue) must be at least 1", key: key.rawValue)
            }
            self = key == .random ? .random(count) : .newest(count)
        case .uids:
            let text = try container.decode(String.self, forKey: .uids)
            guard let set = SequenceSetParser.parse(text) else {
                throw decoder.profileError(
                    "\(decoder.profilePath).uids must be a set such as 1:10,15,20:*, found '\(text)'", key: "uids")
            }
            self = .uids(set)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .all:
            var container = encoder.singleValueContainer()
            try container.encode("all")
        case .random(let count):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .random)
        case .newest(let count):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .newest)
        case .uids(let set):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(set.wireText, forKey: .uids)
        }
    }
}

/// Reads the textual form of a sequence set (`1:5,7,10:*`).
enum SequenceSetParser {
    static func parse(_ text: String) -> SequenceSet? {
        var elements: [SequenceSet.Element] = []
        for part in text.trimmingWhitespace().split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: ":", omittingEmptySubsequences: false)
            switch bounds.count {
            case 1:
                if bounds[0] == "*" { elements.append(.last); continue }
                guard let number = UInt32(bounds[0]), number > 0 else { return nil }
                elements.append(.single(number))
            case 2:
                guard let first = UInt32(bounds[0]), first > 0 else { return nil }
                if bounds[1] == "*" { elements.append(.range(first, nil)); continue }
                guard let last = UInt32(bounds[1]), last > 0 else { return nil }
                elements.append(.range(first, last))
            default:
                return nil
            }
        }
        return elements.isEmpty ? nil : SequenceSet(elements)
    }
}
