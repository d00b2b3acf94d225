import IMAPProtocol

/// The kinds of operation a profile's mix can contain, each one IMAP command (IDLE: a
/// command held open) planned by `OperationPlanner`.
public enum OperationType: String, ProfileChoice {
    case fetch
    case fetchBody = "fetch_body"
    case store
    case search
    case uidSearch = "uid_search"
    case status
    case list
    case select
    case examine
    case append
    case copy
    case move
    case expunge
    case noop
    case check
    case idle
    case create
    case delete
    case rename
    case logout
    case raw
    /// Quiesces every session of the user, syncs each (NOOP or CHECK), and compares what each
    /// sees of its mailbox (with the consistency checks on; without them, only the sync is sent).
    case checkpoint

    public init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }

    /// The keys an operation of this type accepts besides `type`, `name` and `weight`.
    var parameterKeys: Set<String> {
        switch self {
        case .fetch: return ["items", "random_items", "messages", "uid"]
        case .fetchBody: return ["section", "peek", "partial", "messages", "uid"]
        case .store: return ["action", "flags", "silent", "messages", "uid"]
        case .search, .uidSearch: return ["criteria"]
        case .status: return ["mailbox", "items"]
        case .list: return ["reference", "pattern"]
        case .select, .examine: return ["mailbox"]
        case .append: return ["mailbox", "size", "flags"]
        case .copy, .move: return ["mailbox", "messages", "uid"]
        case .expunge, .noop, .check, .logout: return []
        case .idle: return ["duration", "end_on_new_mail"]
        case .create, .delete, .rename: return ["prefix"]
        case .raw: return ["template"]
        case .checkpoint: return ["sync"]
        }
    }

    /// Whether the operation acts on messages of the selected mailbox, and so is skipped when
    /// the mailbox is empty or none is selected.
    public var needsMessages: Bool {
        switch self {
        case .fetch, .fetchBody, .store, .copy, .move: return true
        default: return false
        }
    }

    /// Whether the operation is only valid in the selected state.
    public var needsSelectedMailbox: Bool {
        switch self {
        case .fetch, .fetchBody, .store, .search, .uidSearch, .copy, .move, .expunge, .check: return true
        default: return false
        }
    }
}

/// The command a checkpoint syncs each session with: both make the server report every change
/// (RFC 3501 §6.1.2, §6.4.1).
public enum CheckpointSync: String, ProfileChoice {
    case noop, check
    public init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }

    public var command: Command { self == .check ? .check : .noop }
}

/// `action: add | remove | replace` of a store operation (IMAPProtocol's `StoreOperation`, whose
/// raw values are these words; its doc comment maps them onto `+FLAGS`, `-FLAGS` and `FLAGS`).
extension StoreOperation: ProfileChoice {
    public init(from decoder: any Decoder) throws { self = try Self.decodeChoice(from: decoder) }
}
