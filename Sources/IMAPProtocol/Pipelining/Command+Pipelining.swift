/// The pipelining rules of RFC 3501 §5.5 / RFC 9051 §5.5 as data, one row per command.
///
/// - barrier: changes the session state (selection, authentication, TLS, IDLE) or ends it, so it
///   waits for the pipeline to drain and nothing is sent beside it. ENABLE is one too, since it may
///   change how expunges are reported (QRESYNC); RAW is one because its effect is unknown.
/// - usesSequenceNumbers: its arguments or results are message sequence numbers.
/// - mayExpunge: the server may send EXPUNGE while it runs, which is allowed during every command
///   except FETCH, STORE and SEARCH (RFC 3501 §7.4.1; the UID forms may expunge).
extension Command {
    /// The ordering rules this command is subject to when pipelined.
    public var pipelining: PipeliningRequirements {
        switch self {
        case .select, .examine, .close, .unselect, .logout, .startTLS, .authenticatePlain, .login, .idle, .enable,
            .raw:
            return [.barrier, .mayExpunge]
        case .fetch(_, _, let uid), .store(_, _, _, _, let uid):
            return uid ? .mayExpunge : .usesSequenceNumbers
        case .search(let criteria, let uid):
            if !uid { return .usesSequenceNumbers }
            return SearchCriteria.mentionsSequenceNumbers(criteria) ? [.mayExpunge, .usesSequenceNumbers] : .mayExpunge
        case .copy(_, _, let uid), .move(_, _, let uid):
            return uid ? .mayExpunge : [.mayExpunge, .usesSequenceNumbers]
        case .capability, .noop, .id, .namespace, .create, .delete, .rename, .subscribe, .unsubscribe, .list,
            .lsub, .status, .append, .check, .expunge, .uidExpunge:
            return .mayExpunge
        }
    }

    /// The metric name: "FETCH", "UID FETCH", "LOGIN", "AUTHENTICATE", "APPEND", "IDLE", "RAW" ...
    public var kind: String {
        switch self {
        case .capability: return "CAPABILITY"
        case .noop: return "NOOP"
        case .logout: return "LOGOUT"
        case .startTLS: return "STARTTLS"
        case .login: return "LOGIN"
        case .authenticatePlain: return "AUTHENTICATE"
        case .enable: return "ENABLE"
        case .id: return "ID"
        case .namespace: return "NAMESPACE"
        case .select: return "SELECT"
        case .examine: return "EXAMINE"
        case .create: return "CREATE"
        case .delete: return "DELETE"
        case .rename: return "RENAME"
        case .subscribe: return "SUBSCRIBE"
        case .unsubscribe: return "UNSUBSCRIBE"
        case .list: return "LIST"
        case .lsub: return "LSUB"
        case .status: return "STATUS"
        case .append: return "APPEND"
        default: return selectedStateKind
        }
    }

    private var selectedStateKind: String {
        switch self {
        case .check: return "CHECK"
        case .close: return "CLOSE"
        case .unselect: return "UNSELECT"
        case .expunge: return "EXPUNGE"
        case .uidExpunge: return "UID EXPUNGE"
        case .search(_, let uid): return uid ? "UID SEARCH" : "SEARCH"
        case .fetch(_, _, let uid): return uid ? "UID FETCH" : "FETCH"
        case .store(_, _, _, _, let uid): return uid ? "UID STORE" : "STORE"
        case .copy(_, _, let uid): return uid ? "UID COPY" : "COPY"
        case .move(_, _, let uid): return uid ? "UID MOVE" : "MOVE"
        case .idle: return "IDLE"
        default: return "RAW"
        }
    }
}

/// Reading just enough of a SEARCH criteria text to know whether it names sequence numbers.
enum SearchCriteria {
    /// Keys whose argument is a number or UID set rather than a sequence set.
    static let numericArgumentKeys: Set<String> = ["UID", "LARGER", "SMALLER", "MODSEQ", "OLDER", "YOUNGER"]

    /// Whether a bare sequence set (`1:5`, `*`, `$` excluded) appears as a search key.
    static func mentionsSequenceNumbers(_ criteria: String) -> Bool {
        // most criteria (UNSEEN, FLAGGED, SINCE 1-Jan-2024 aside) hold no set at all: no token to split
        guard criteria.utf8.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2A }) else { return false }
        var previous = ""
        for token in criteria.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" }) {
            let isSet = token.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == "," || $0 == "*") }
            if isSet, !numericArgumentKeys.contains(previous.uppercased()) { return true }
            previous = String(token)
        }
        return false
    }
}
