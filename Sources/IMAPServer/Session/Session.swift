/// The IMAP state machine of one connection (RFC 3501 §3): it takes parsed commands and writes
/// responses, with no I/O of its own. Confined to the connection's event loop.
final class Session {
    enum State {
        case notAuthenticated
        case authenticated
        case selected
        case logout
    }

    /// A command that continues on the next line(s) from the client.
    enum Continuation {
        case idle(tag: String)
        case authenticate(tag: String)
    }

    static let capabilities = [
        "IMAP4rev1", "LITERAL+", "SASL-IR", "IDLE", "UIDPLUS", "MOVE", "UNSELECT", "ENABLE", "ID", "NAMESPACE",
        "CHILDREN", "AUTH=PLAIN",
    ]

    let store: MailStore
    /// Tells change events made by this session from those of others.
    let identifier: Int
    /// True when STARTTLS can be offered (a certificate exists and TLS is not on yet).
    var canStartTLS: Bool
    /// Makes an observer that wakes this session's connection when a mailbox changes during IDLE.
    var makeObserver: () -> MailboxObserver = { MailboxObserver(notify: {}) }

    private(set) var state = State.notAuthenticated
    var account: UserAccount?
    var selected: SelectedMailbox?
    var continuation: Continuation?
    /// `ServerConfiguration.withheldCapabilities`.
    var withheldCapabilities: Set<String> = []
    /// The consistency faults this session injects (none on a correct server).
    var faults = ConsistencyFaults.none

    init(store: MailStore, identifier: Int, canStartTLS: Bool) {
        self.store = store
        self.identifier = identifier
        self.canStartTLS = canStartTLS
    }

    var capabilityText: String {
        (Self.capabilities + (canStartTLS ? ["STARTTLS"] : [])).filter { !withheldCapabilities.contains($0) }
            .joined(separator: " ")
    }

    var greeting: String { "* OK [CAPABILITY \(capabilityText)] imapbench embedded server ready\r\n" }

    /// True while IDLE runs (for the IDLE autologout timer).
    var isIdling: Bool {
        if case .idle = continuation { return true }
        return false
    }

    func enter(_ newState: State) { state = newState }

    /// Runs one command, writing untagged responses into `writer`.
    func handle(_ command: TaggedCommand, into writer: inout ResponseWriter) -> SessionReply {
        let tag = command.tag
        if let required = requiredState(command.command), !isAllowed(in: required) {
            return .bad(tag, "\(command.name) is not allowed in this state")
        }
        var reply = dispatch(command.command, tag: tag, into: &writer)
        if state == .selected, continuation == nil, reply.tagged != nil {
            synchronize(into: &writer, allowExpunge: allowsExpunge(command.command))
            if let count = selected?.uids.count, count > 0, faults.fires(.shrinkExists) {
                writer.line("* \(count - 1) EXISTS")
            }
        }
        if reply.tagged == nil, continuation == nil { reply.tagged = "\(tag) OK \(command.name) completed" }
        return reply
    }

    private func dispatch(_ command: ServerCommand, tag: String, into writer: inout ResponseWriter) -> SessionReply {
        switch command {
        case .capability:
            writer.line("* CAPABILITY \(capabilityText)")
            return .ok(tag, "CAPABILITY completed")
        case .noop, .check: return .ok(tag, "completed")
        case .logout:
            writer.line("* BYE imapbench embedded server logging out")
            state = .logout
            return SessionReply(tagged: "\(tag) OK LOGOUT completed", effect: .close)
        case .startTLS:
            guard canStartTLS else { return .bad(tag, "STARTTLS is not available") }
            canStartTLS = false
            return SessionReply(tagged: "\(tag) OK begin TLS negotiation now", effect: .startTLS)
        case .login(let user, let password): return login(tag: tag, user: user, password: password)
        case .authenticate(let mechanism, let initial):
            return authenticate(tag: tag, mechanism: mechanism, initial: initial, into: &writer)
        case .enable:
            writer.line("* ENABLED")
            return .ok(tag, "ENABLE completed")
        case .id:
            writer.line("* ID (\"name\" \"imapbench\" \"vendor\" \"imapbench embedded server\")")
            return .ok(tag, "ID completed")
        case .namespace:
            writer.line("* NAMESPACE ((\"\" \"/\")) NIL NIL")
            return .ok(tag, "NAMESPACE completed")
        case .idle: return startIdle(tag: tag, into: &writer)
        default: return dispatchMailboxCommand(command, tag: tag, into: &writer)
        }
    }

    private func dispatchMailboxCommand(
        _ command: ServerCommand, tag: String, into writer: inout ResponseWriter
    ) -> SessionReply {
        switch command {
        case .select(let name, let readOnly): return select(tag: tag, name: name, readOnly: readOnly, into: &writer)
        case .create(let name): return create(tag: tag, name: name)
        case .delete(let name): return delete(tag: tag, name: name)
        case .rename(let from, let to): return rename(tag: tag, from: from, to: to)
        case .subscribe(let name, let subscribed): return subscribe(tag: tag, name: name, subscribed: subscribed)
        case .list(let reference, let pattern, let subscribedOnly):
            return list(tag: tag, reference: reference, pattern: pattern, subscribedOnly: subscribedOnly, into: &writer)
        case .status(let name, let items): return status(tag: tag, name: name, items: items, into: &writer)
        case .append(let name, let flags, let date, let message):
            return append(tag: tag, name: name, flags: flags, date: date, message: message)
        case .close: return close(tag: tag)
        case .unselect:
            deselect()
            return .ok(tag, "UNSELECT completed")
        case .expunge(let uids): return expunge(tag: tag, uids: uids, into: &writer)
        case .search(let key, let uid): return search(tag: tag, key: key, uid: uid, into: &writer)
        case .fetch(let set, let items, let uid):
            return fetch(tag: tag, set: set, items: items, uid: uid, into: &writer)
        case .store(let set, let action, let flags, let silent, let uid):
            return store(tag: tag, set: set, action: action, flags: flags, silent: silent, uid: uid, into: &writer)
        case .copy(let set, let name, let uid, let move):
            return copy(tag: tag, set: set, destination: name, uid: uid, move: move, into: &writer)
        default: return .bad(tag, "unsupported command")
        }
    }

    private func requiredState(_ command: ServerCommand) -> State? {
        switch command {
        case .capability, .noop, .logout, .id, .enable, .idle: return nil
        case .startTLS, .login, .authenticate: return .notAuthenticated
        case .close, .unselect, .expunge, .search, .fetch, .store, .copy, .check: return .selected
        default: return .authenticated
        }
    }

    private func isAllowed(in required: State) -> Bool {
        switch required {
        case .notAuthenticated: return state == .notAuthenticated
        case .authenticated: return state == .authenticated || state == .selected
        case .selected: return state == .selected
        case .logout: return false
        }
    }

    /// RFC 3501 §7.4.1: no EXPUNGE during FETCH, STORE or SEARCH (the UID forms may).
    private func allowsExpunge(_ command: ServerCommand) -> Bool {
        switch command {
        case .fetch(_, _, let uid), .search(_, let uid), .store(_, _, _, _, let uid): return uid
        default: return true
        }
    }
}
