import IMAPProtocol

/// One entry of a profile's weighted mix: an operation type, its weight, its parameters.
///
/// Parameters live side by side (a flat mapping in YAML) and each type accepts only its own
/// keys, listed in `OperationType.parameterKeys`; those not given take the defaults below.
public struct ProfileOperation: Codable, Hashable, Sendable {
    public var type: OperationType
    /// The name results are reported under; defaults to the type.
    public var name: String
    /// Relative frequency in the mix; above zero.
    public var weight: Double
    /// fetch: item names (`flags`, `envelope`, `BODY.PEEK[HEADER]`...); status: STATUS items.
    public var items: [String]? { didSet { translateItems() } }
    /// fetch: items drawn at random for each command, sent after `items` (which then default to none).
    public var randomItems: RandomFetchItems? { didSet { translateItems() } }
    /// fetch, fetch_body, store, copy, move: which messages. Default `{random: 1}`.
    public var messages: MessageSelection?
    /// Send the UID form of the command (UID numbers chosen from the mailbox).
    public var uid: Bool?
    /// fetch_body: the section (`""`, `HEADER`, `TEXT`, `1`, `HEADER.FIELDS (SUBJECT)`).
    public var section: String? { didSet { translateItems() } }
    /// fetch_body: BODY.PEEK (default) rather than BODY, which sets \Seen.
    public var peek: Bool? { didSet { translateItems() } }
    /// fetch_body: `<first>-<last>` octets, as `0-1023`.
    public var partial: NumberRange? { didSet { translateItems() } }
    /// store: add, remove or replace `flags`.
    public var action: StoreOperation?
    /// store: flags to change; append: flags to set on the new message.
    public var flags: [String]?
    /// store: `.SILENT`, so the server does not echo new flags.
    public var silent: Bool?
    /// search, uid_search: criteria sent as written.
    public var criteria: String?
    /// status, select, examine, append, copy, move: the mailbox.
    public var mailbox: String?
    /// list: reference and pattern.
    public var reference: String?
    public var pattern: String?
    /// append: the message size distribution.
    public var size: SizeDistribution?
    /// idle: how long IDLE is held.
    public var duration: ProfileDuration?
    /// idle: leave IDLE as soon as the server reports new mail.
    public var endOnNewMail: Bool?
    /// create, delete, rename: the first part of the session's own mailbox names.
    public var prefix: String?
    /// raw: the command after the tag, with placeholders `{mailbox}`, `{seq}`, `{uid}`, `{n}`, `{user}`.
    public var template: String?
    /// checkpoint: the command each session syncs with (default `noop`).
    public var sync: CheckpointSync?

    /// `items` translated once at load (for fetch_body: its one section item), so planning a
    /// fetch allocates nothing new.
    public private(set) var fetchItems: [FetchItem] = []
    public private(set) var statusItems: [StatusItem] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, weight, items, messages, uid, section, peek, partial, action, flags, silent, criteria
        case mailbox, reference, pattern, size, duration, prefix, template, sync
        case endOnNewMail = "end_on_new_mail"
        case randomItems = "random_items"
    }

    public init(type: OperationType, name: String? = nil, weight: Double = 1) {
        self.type = type
        self.name = name ?? type.rawValue
        self.weight = weight
        translateItems()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(OperationType.self, forKey: .type)
        try decoder.rejectKeys(
            notIn: type.parameterKeys.union(["type", "name", "weight"]),
            context: "an operation of type \(type.rawValue)")
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? type.rawValue
        weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        items = try container.decodeIfPresent([String].self, forKey: .items)
        randomItems = try container.decodeIfPresent(RandomFetchItems.self, forKey: .randomItems)
        messages = try container.decodeIfPresent(MessageSelection.self, forKey: .messages)
        uid = try container.decodeIfPresent(Bool.self, forKey: .uid)
        section = try container.decodeIfPresent(String.self, forKey: .section)
        peek = try container.decodeIfPresent(Bool.self, forKey: .peek)
        partial = try container.decodeIfPresent(NumberRange.self, forKey: .partial)
        action = try container.decodeIfPresent(StoreOperation.self, forKey: .action)
        flags = try container.decodeIfPresent([String].self, forKey: .flags)
        silent = try container.decodeIfPresent(Bool.self, forKey: .silent)
        criteria = try container.decodeIfPresent(String.self, forKey: .criteria)
        mailbox = try container.decodeIfPresent(String.self, forKey: .mailbox)
        reference = try container.decodeIfPresent(String.self, forKey: .reference)
        pattern = try container.decodeIfPresent(String.self, forKey: .pattern)
        size = try container.decodeIfPresent(SizeDistribution.self, forKey: .size)
        duration = try container.decodeIfPresent(ProfileDuration.self, forKey: .duration)
        endOnNewMail = try container.decodeIfPresent(Bool.self, forKey: .endOnNewMail)
        prefix = try container.decodeIfPresent(String.self, forKey: .prefix)
        template = try container.decodeIfPresent(String.self, forKey: .template)
        sync = try container.decodeIfPresent(CheckpointSync.self, forKey: .sync)
        try validate(decoder: decoder)
        translateItems()
    }

    private func validate(decoder: any Decoder) throws {
        if !(weight > 0) || !weight.isFinite {
            throw decoder.profileError(
                "\(decoder.profilePath).weight must be above zero, found \(weight.profileText)", key: "weight")
        }
        if name.isEmpty { throw decoder.profileError("\(decoder.profilePath).name must not be empty", key: "name") }
        if let duration, duration.duration <= .zero {
            throw decoder.profileError("\(decoder.profilePath).duration must be above zero", key: "duration")
        }
        if type == .raw, (template ?? "").isEmpty {
            throw decoder.profileError("an operation of type raw needs a template", key: "template")
        }
        if type == .status, let items,
            let unknown = items.first(where: { StatusItem(rawValue: $0.uppercased()) == nil })
        {
            let known = StatusItem.allCases.map(\.rawValue).joined(separator: ", ")
            throw decoder.profileError("unknown STATUS item '\(unknown)' (expected some of: \(known))", key: "items")
        }
        if let randomItems, let fixed = items?.map(FetchItemName.item),
            let both = randomItems.fetchItems.firstIndex(where: fixed.contains)
        {
            throw decoder.profileError(
                "'\(randomItems.from[both])' is in both items and random_items.from: it would be fetched twice",
                key: "random_items")
        }
        let texts = [
            ("mailbox", mailbox), ("criteria", criteria), ("section", section), ("template", template),
            ("prefix", prefix),
        ]
        for case (let key, let text?) in texts where text.contains("\r") || text.contains("\n") {
            throw decoder.profileError("\(decoder.profilePath).\(key) must be on one line", key: key)
        }
    }

    private mutating func translateItems() {
        switch type {
        case .fetch: fetchItems = (items ?? (randomItems == nil ? ["flags", "uid"] : [])).map(FetchItemName.item)
        case .fetchBody:
            let range = partial.map { $0.lower...$0.upper }
            fetchItems = [.bodySection(section: section ?? "", peek: peek ?? true, partial: range)]
        case .status:
            statusItems = (items ?? ["MESSAGES", "UNSEEN", "UIDNEXT"]).compactMap {
                StatusItem(rawValue: $0.uppercased())
            }
        default: break
        }
    }
}

/// Maps the item names people write in profiles to FETCH items.
enum FetchItemName {
    static func item(_ name: String) -> FetchItem {
        switch name.uppercased() {
        case "FLAGS": return .flags
        case "UID": return .uid
        case "INTERNALDATE": return .internalDate
        case "RFC822.SIZE", "SIZE": return .rfc822Size
        case "ENVELOPE": return .envelope
        case "BODY": return .body
        case "BODYSTRUCTURE": return .bodyStructure
        case "RFC822": return .rfc822
        case "RFC822.HEADER": return .rfc822Header
        case "RFC822.TEXT": return .rfc822Text
        case "MODSEQ": return .modSeq
        default: return .raw(name)
        }
    }
}
