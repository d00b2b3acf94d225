import IMAPProtocol

/// A FETCH operation's items drawn afresh for each command: `count` distinct items of `from`,
/// as Dovecot's imaptest does (its FETCH names one to four random fields, its FETCH2 one random
/// body section). They are sent after the operation's fixed `items`, in the order `from` lists them.
///
/// Written `{count: 1-4, from: [envelope, bodystructure, ...]}`; `count` may be one number.
public struct RandomFetchItems: Codable, Hashable, Sendable {
    /// How many items each command draws: a number uniformly in this range.
    public let count: NumberRange
    /// The item names to draw from, as a fetch operation's `items` are written.
    public let from: [String]
    /// `from` translated once at load.
    public let fetchItems: [FetchItem]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case count, from
    }

    /// `count` must lie within 1 and `from.count` (a profile's are checked when it is read).
    public init(count: NumberRange, from: [String]) {
        precondition(
            count.lower >= 1 && count.upper <= from.count, "random_items.count must lie within 1-\(from.count)")
        self.init(count: count, from: from, fetchItems: from.map(FetchItemName.item))
    }

    private init(count: NumberRange, from: [String], fetchItems: [FetchItem]) {
        self.count = count
        self.from = from
        self.fetchItems = fetchItems
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let count = try container.decode(NumberRange.self, forKey: .count)
        let from = try container.decode([String].self, forKey: .from)
        let path = decoder.profilePath
        if from.isEmpty { throw decoder.profileError("\(path).from must name at least one item", key: "from") }
        let items = from.map(FetchItemName.item)
        if let twice = items.indices.first(where: { items[..<$0].contains(items[$0]) }) {
            throw decoder.profileError("\(path).from names '\(from[twice])' twice", key: "from")
        }
        if count.lower < 1 || count.upper > from.count {
            let found = count.lower == count.upper ? "\(count.lower)" : "\(count)"
            throw decoder.profileError(
                "\(path).count must lie within 1-\(from.count) (the number of items in from), found \(found)",
                key: "count")
        }
        self.init(count: count, from: from, fetchItems: items)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(from, forKey: .from)
    }

    /// `fixed` followed by a fresh draw: `count` distinct items of `from`.
    public func draw(after fixed: [FetchItem], using rng: inout SeededRandom) -> [FetchItem] {
        let wanted = count.lower + rng.nextIndex(below: count.count)
        var items = fixed
        items.reserveCapacity(fixed.count + wanted)
        for position in OperationPlanner.distinctSample(count: wanted, from: UInt32(from.count), using: &rng) {
            items.append(fetchItems[Int(position) - 1])
        }
        return items
    }
}
