/// How mailboxes are filled before a run (`imapbench populate`, or the `populate:` section).
public struct PopulateConfiguration: Codable, Hashable, Sendable {
    /// The number each mailbox is topped up to (never duplicated past it).
    public var messages: Int
    /// Mailboxes to fill; created when missing. INBOX always exists.
    public var mailboxes: [String]
    public var size: SizeDistribution
    /// An mbox file whose messages are appended in turn instead of synthetic ones.
    public var mbox: String?
    /// The fraction of appended messages carrying `\Seen`, and of those carrying `\Flagged`.
    public var seenFraction: Double
    public var flaggedFraction: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case messages, mailboxes, size, mbox
        case seenFraction = "seen_fraction"
        case flaggedFraction = "flagged_fraction"
    }

    public init(
        messages: Int = 100, mailboxes: [String] = ["INBOX"], size: SizeDistribution = .init(), mbox: String? = nil,
        seenFraction: Double = 0.7, flaggedFraction: Double = 0.05
    ) {
        self.messages = messages
        self.mailboxes = mailboxes
        self.size = size
        self.mbox = mbox
        self.seenFraction = seenFraction
        self.flaggedFraction = flaggedFraction
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = PopulateConfiguration()
        self.init(
            messages: try container.decodeIfPresent(Int.self, forKey: .messages) ?? defaults.messages,
            mailboxes: try container.decodeIfPresent([String].self, forKey: .mailboxes) ?? defaults.mailboxes,
            size: try container.decodeIfPresent(SizeDistribution.self, forKey: .size) ?? defaults.size,
            mbox: try container.decodeIfPresent(String.self, forKey: .mbox),
            seenFraction: try container.decodeIfPresent(Double.self, forKey: .seenFraction) ?? defaults.seenFraction,
            flaggedFraction: try container.decodeIfPresent(Double.self, forKey: .flaggedFraction)
                ?? defaults.flaggedFraction)
        if messages < 0 {
            throw decoder.profileError("populate.messages must not be negative, found \(messages)", key: "messages")
        }
        if mailboxes.isEmpty || mailboxes.contains("") {
            throw decoder.profileError(
                "populate.mailboxes must list at least one non-empty mailbox name", key: "mailboxes")
        }
        for (key, value) in [("seen_fraction", seenFraction), ("flagged_fraction", flaggedFraction)]
        where !(0...1).contains(value) {
            throw decoder.profileError("populate.\(key) must be between 0 and 1, found \(value)", key: key)
        }
    }
}
