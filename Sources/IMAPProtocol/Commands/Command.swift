/// One IMAP command a client can send, before a tag is attached (RFC 3501 §6, RFC 9051 §6).
///
/// Values are plain data so the workload layer can plan them without touching the network,
/// and the encoder (`CommandEncoder`) decides how each string travels (atom, quoted or literal).
///
///     C: a1 UID FETCH 1:* (FLAGS)      ->  .fetch(.range(1, nil), items: [.flags], uid: true)
public enum Command: Hashable, Sendable {
    case capability
    case noop
    case logout
    case startTLS
    case login(user: String, password: String)
    /// SASL PLAIN (RFC 4616); sent with SASL-IR (RFC 4959) when the server offers it.
    case authenticatePlain(user: String, password: String)
    case enable([String])
    /// ID (RFC 2971); `nil` sends `ID NIL`.
    case id([IDField]?)
    case namespace
    case select(mailbox: String, condstore: Bool = false)
    case examine(mailbox: String)
    case create(mailbox: String)
    case delete(mailbox: String)
    case rename(from: String, to: String)
    case subscribe(mailbox: String)
    case unsubscribe(mailbox: String)
    case list(reference: String, pattern: String)
    case lsub(reference: String, pattern: String)
    case status(mailbox: String, items: [StatusItem])
    case append(mailbox: String, flags: [String], date: String?, message: [UInt8])
    case check
    case close
    case unselect
    case expunge
    case uidExpunge(SequenceSet)
    /// `criteria` is sent as written (for example `UNSEEN SINCE 1-Jan-2024`).
    case search(criteria: String, uid: Bool)
    case fetch(SequenceSet, items: [FetchItem], uid: Bool)
    case store(SequenceSet, StoreOperation, flags: [String], silent: Bool, uid: Bool)
    case copy(SequenceSet, mailbox: String, uid: Bool)
    case move(SequenceSet, mailbox: String, uid: Bool)
    /// IDLE (RFC 2177): the command completes only after `DONE` is sent.
    case idle
    /// Anything else, sent verbatim after the tag (no CRLF).
    case raw(String)
}

/// One `name value` pair of an ID command.
public struct IDField: Hashable, Sendable {
    public var name: String
    public var value: String?
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// The attributes STATUS can ask for (RFC 3501 §6.3.10, RFC 9051 §6.3.11).
public enum StatusItem: String, Hashable, Sendable, CaseIterable {
    case messages = "MESSAGES"
    case recent = "RECENT"
    case uidNext = "UIDNEXT"
    case uidValidity = "UIDVALIDITY"
    case unseen = "UNSEEN"
    case size = "SIZE"
    case highestModSeq = "HIGHESTMODSEQ"
}

/// What a STORE does with its flags: `+FLAGS`, `-FLAGS` or `FLAGS` (RFC 3501 §6.4.6).
///
/// The one store action of imapbench: the client's `Command.store`, the profile's `action:` and
/// the embedded server's grammar all use this type. The two spellings live here and nowhere else:
///
/// | case      | `rawValue` (profile `action:`) | `keyword` (on the wire) |
/// |-----------|--------------------------------|-------------------------|
/// | `add`     | `add`                          | `+FLAGS`                |
/// | `remove`  | `remove`                       | `-FLAGS`                |
/// | `replace` | `replace`                      | `FLAGS`                 |
///
/// Workload adds the profile decoding of the raw values.
public enum StoreOperation: String, Hashable, Sendable, CaseIterable {
    case add
    case remove
    case replace

    /// The STORE data item name, without `.SILENT`.
    public var keyword: String {
        switch self {
        case .add: return "+FLAGS"
        case .remove: return "-FLAGS"
        case .replace: return "FLAGS"
        }
    }

    /// The operation whose `keyword` is `keyword` (upper case, without `.SILENT`), or nil.
    public init?(keyword: String) {
        guard let operation = Self.allCases.first(where: { $0.keyword == keyword }) else { return nil }
        self = operation
    }
}

/// One item of a FETCH command.
public enum FetchItem: Hashable, Sendable {
    case flags
    case uid
    case internalDate
    case rfc822Size
    case envelope
    case body
    case bodyStructure
    case rfc822
    case rfc822Header
    case rfc822Text
    case modSeq
    /// `BODY[section]<origin.count>` or `BODY.PEEK[...]`; section is `""`, `HEADER`, `TEXT`, `1`, `HEADER.FIELDS (SUBJECT)`...
    case bodySection(section: String, peek: Bool, partial: ClosedRange<Int>?)
    /// `BINARY[section]` / `BINARY.PEEK[section]` (RFC 3516).
    case binary(section: String, peek: Bool)
    /// A macro or anything else, written verbatim (`ALL`, `FAST`, `FULL`).
    case raw(String)
}
