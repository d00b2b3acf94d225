import IMAPClient
import IMAPProtocol
import Measurement

/// The consistency checks of one connection: it follows the exchange (`ExchangeObserver`) and
/// judges each response against this session's own earlier responses and against what its user's
/// other sessions established for good (`MailboxModel`). See `CheckID` for what each check means
/// and why none of them can fire on a correct server.
public final class SessionChecker: ExchangeObserver {
    /// A command written and not yet answered, with what its check needs from the time of writing.
    struct Pending {
        var tag: String
        var command: Command
        var model: MailboxModel?
        /// `model.flagActivity` right after this command was counted in.
        var flagActivity: UInt64 = 0
        var changesFlags = false
        var expunges = false
        /// A NOOP, CHECK, IDLE, SELECT or EXAMINE written when no expunge was running: once it
        /// completes, this session has been told of every expunge up to `expungeGeneration`.
        var syncsAt: UInt64?
        var expungeGeneration: UInt64 = 0
        /// SEARCH ALL by sequence number: the answer is exactly the messages, if nobody expunged.
        var searchAll: (certain: Bool, existsAtWrite: UInt32)?
        var searchResult: [UInt32]?
    }

    /// A flag change the server answered OK; the next FLAGS this session is told of must show it,
    /// unless something else changed flags in between (`flagActivity` moved).
    struct FlagExpectation {
        var operation: StoreOperation
        var flags: [String]
        var flagActivity: UInt64
        var tag: String
    }

    unowned let registry: ConsistencyRegistry
    let user: String
    let session: Int
    /// Unique per connection: \Recent belongs to an IMAP session, and a reconnect is a new one.
    let connection: Int
    var ring = ExchangeRing()
    var pending: [Pending] = []
    /// The selected mailbox's shared model (nil when none, or not modelled).
    var model: MailboxModel?
    var readWrite = false
    var expectations: [UInt32: FlagExpectation] = [:]
    var modSeqs: [UInt32: UInt64] = [:]
    var highestModSeq: UInt64 = 0
    /// The highest UIDNEXT this connection was told of, per mailbox.
    var uidNexts: [String: UInt32] = [:]
    /// The expunge generation this session is known to be told of (see `Pending.syncsAt`).
    var syncedGeneration: UInt64?
    /// The session this checker belongs to, told of checkpoints.
    public weak var participant: CheckpointParticipant?
    /// The tag of the last command answered: a checkpoint's violation names its FETCH.
    var lastCompletedTag = ""

    init(registry: ConsistencyRegistry, user: String, session: Int, connection: Int) {
        self.registry = registry
        self.user = user
        self.session = session
        self.connection = connection
    }

    // MARK: ExchangeObserver

    public func written(tag: String, command: Command, mailbox: MailboxView) {
        ring.add(.written(tag: tag, command: command))
        pending.append(start(tag: tag, command: command, mailbox: mailbox))
    }

    public func received(_ response: UntaggedResponse, mailbox: MailboxView, expungeAllowed: Bool) {
        ring.add(.untagged(response))
        registry.noteObserved()
        switch response {
        case .exists(let count):
            if mailbox.name != nil, count < mailbox.exists {
                violation(.existsShrank, mailbox, expected: "EXISTS >= \(mailbox.exists)", observed: "\(count) EXISTS")
            }
        case .expunge(let number):
            if !expungeAllowed {
                let running = pending.map { "\($0.tag) \($0.command.kind)" }.joined(separator: ", ")
                violation(
                    .expungeForbidden, mailbox, expected: "no EXPUNGE during \(running)", observed: "\(number) EXPUNGE")
            }
        case .fetch(let number, let attributes):
            checkFetch(number, attributes, mailbox)
        case .condition(let state):
            if let code = state.code, let name = mailbox.name { checkCode(code, mailboxName: name, mailbox) }
        case .status(let name, let attributes):
            checkStatus(name, attributes, mailbox)
        case .search(let numbers, _):
            if let index = pending.firstIndex(where: { $0.searchAll != nil && $0.searchResult == nil }) {
                pending[index].searchResult = numbers
            }
        default:
            break
        }
    }

    public func completed(tag: String, command: Command, state: ResponseState, mailbox: MailboxView) {
        ring.add(.tagged(tag: tag, state: state))
        registry.noteObserved()
        lastCompletedTag = tag
        guard let index = pending.firstIndex(where: { $0.tag == tag }) else { return }
        finish(pending.remove(at: index), status: state.status, mailbox: mailbox)
    }

    /// The command `tag` ended without a tagged answer (timeout, lost connection): it may still
    /// run on the server, so its mailbox is no longer judged for flags and SEARCH.
    public func abandoned(tag: String) {
        guard let index = pending.firstIndex(where: { $0.tag == tag }) else { return }
        release(pending.remove(at: index), answered: false)
    }

    /// The connection is gone: whatever it had in flight is abandoned, and no checkpoint waits for it.
    public func connectionEnded() {
        for item in pending { release(item, answered: false) }
        pending = []
        registry.unregister(self)
    }

    // MARK: Checkpoints

    /// Starts a checkpoint of this user (`sync`: NOOP or CHECK); nil when it started, else why not.
    public func requestCheckpoint(sync: Command) -> String? {
        registry.requestCheckpoint(by: self, sync: sync)
    }

    /// This session takes no part in the running checkpoint (it is on its way out).
    public func leaveCheckpoint() {
        registry.leaveCheckpoint(self)
    }

    /// This session has nothing in flight any more (it was told `checkpointQuiesce`).
    public func checkpointDrained() {
        registry.checkpointDrained(self)
    }

    /// The sync and `UID FETCH 1:* (FLAGS)` were answered; `mailbox`: the view after them, nil when
    /// they failed or no mailbox is selected (then this session is not compared).
    public func checkpointFetched(_ mailbox: MailboxView?) {
        let snapshot = mailbox.flatMap { view in
            view.name == nil ? nil : CheckpointSnapshot(checker: self, mailbox: view, tag: lastCompletedTag)
        }
        registry.checkpointReported(snapshot, from: self)
    }

    func checkpointViolation(_ id: CheckID, mailbox: String, tag: String, expected: String, observed: String) {
        guard registry.isOn(id) else { return }
        registry.record(
            id, user: user, mailbox: mailbox, session: session, tag: tag, expected: expected, observed: observed,
            exchange: ring.lines)
    }

    // MARK: Recording

    /// The tag of the oldest command in progress: the one an untagged response belongs to.
    var currentTag: String { pending.first?.tag ?? "" }

    func violation(_ id: CheckID, _ mailbox: MailboxView, tag: String? = nil, expected: String, observed: String) {
        guard registry.isOn(id) else { return }
        registry.record(
            id, user: user, mailbox: mailbox.name ?? "", session: session, tag: tag ?? currentTag, expected: expected,
            observed: observed, exchange: ring.lines)
    }
}
