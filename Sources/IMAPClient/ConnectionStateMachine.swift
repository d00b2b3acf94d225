import IMAPProtocol
import NIOCore

/// The whole logic of one IMAP connection as a pure value: events in, actions out, no I/O.
///
/// The channel handler feeds it responses, timer expiries and the channel closing, then carries out
/// the actions it returns (write these bytes, complete this promise, start this timer, close). Being
/// pure, it is tested without sockets. `Promise` is whatever the caller completes; tests use integers.
///
/// Writing is serialised: while a command waits for a `+` continuation (a synchronizing literal,
/// SASL PLAIN without SASL-IR, IDLE) nothing else is written, since the bytes would interleave.
struct ConnectionStateMachine<Promise> {
    struct Configuration {
        var pipelineDepth: Int
        var commandTimeout: TimeAmount
        var idleTimeout: TimeAmount
    }

    /// What the caller must do, in order.
    enum Action {
        /// Write `output[range]` and flush; when `logText` is set, log it instead of the bytes (a
        /// redacted credential). The bytes stay in `output` until the caller's `clearOutput()`.
        case write(Range<Int>, logText: String?)
        case complete(Promise, CommandRecord)
        /// A command in flight times out at `deadline` unless completed before: make sure the one
        /// deadline timer fires by then, and then call `expiredTags` and `timeoutFired` for each.
        case armDeadline(NIODeadline)
        /// Starts the timer ending the IDLE `tag`; when it fires call `idleEndFired`.
        case scheduleIdleEnd(tag: String, deadline: NIODeadline)
        case cancelIdleEnd
        case greeting(Greeting)
        /// STARTTLS was accepted: put TLS in front before reading or writing another byte.
        case startTLS
        case deliverUntagged(UntaggedResponse)
        case close(CloseReason)
    }

    /// Why the state machine closes the connection.
    enum CloseReason: Equatable {
        case protocolError(String)
        case bye(String)
        /// A command timed out while the server was owed bytes (a literal, DONE): the stream is out of step.
        case desynchronized(String)
    }

    /// How an IDLE command should end.
    struct IdlePlan {
        var duration: TimeAmount
        var endOnNewMail: Bool
    }

    enum IdlePhase { case awaitingContinuation, idling, doneSent }

    struct QueuedCommand {
        var tag: String
        var command: Command
        var promise: Promise
        var enqueued: NIODeadline
        var idlePlan: IdlePlan?
        /// `command.pipelining`, worked out once: the window is checked against every command in
        /// flight each time one more could be written.
        var pipelining: PipeliningRequirements
    }

    struct InFlightCommand {
        var queued: QueuedCommand
        var firstByteWritten: NIODeadline
        var firstResponseByte: NIODeadline?
        var bytesWritten: Int
        /// When it times out: `commandTimeout` after it was written, `idleTimeout` after DONE.
        var deadline: NIODeadline
        var bytesRead = 0
        var untaggedCount = 0
        /// Parts still to write, each after a `+` continuation.
        var remainingParts: ArraySlice<[UInt8]> = []
    }

    let configuration: Configuration
    private(set) var state = SessionState.notAuthenticated
    private(set) var capabilities: Set<String> = []
    var mailbox = MailboxView()
    var encoder = CommandEncoder()
    var awaitingGreeting = true
    /// Commands wait here only while the window is full; see `CommandQueue` for why it starts empty.
    var queue = CommandQueue()
    /// In the order they were written; the first is the oldest.
    var inFlight: [InFlightCommand] = []
    /// Commands written since the handler last flushed (the last ones of `inFlight`): during a
    /// read burst they wait in one buffer, and `markFlushed` stamps when their bytes really left.
    private var writtenSinceFlush = 0
    /// Commands that timed out but may still run on the server, so EXPUNGE may still come from
    /// them: until their late reply (or `commandTimeout` more), the pipelining rules count them as
    /// in flight (no sequence numbers, no barrier), though not against the window. Their callers
    /// already have a `timedOut` outcome.
    var lateCommands: [(tag: String, expires: NIODeadline)] = []
    /// The command whose later parts wait for a continuation.
    var writerTag: String?
    var idle: (tag: String, phase: IdlePhase, plan: IdlePlan)?
    /// Set when BYE arrived while LOGOUT was in flight: the expected end of the session.
    var byeDuringLogout: ResponseState?
    private var tagCounter = 0
    /// The bytes of every `.write` action since the caller last called `clearOutput()`.
    ///
    /// Why one buffer: the commands of a read burst are encoded into it one after another, so a
    /// command costs no array of its own; its capacity is kept for the next burst.
    private(set) var output: [UInt8] = []
    /// Sees every write, untagged response and completion (the consistency checks); usually nil.
    var observer: ExchangeObserver?

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    var inFlightCount: Int { inFlight.count }
    /// A barrier (SELECT, LOGIN, IDLE...) is running: it is always alone in the pipeline.
    var barrierInFlight: Bool { inFlight.count == 1 && inFlight[0].queued.pipelining.contains(.barrier) }
    var queuedCount: Int { queue.count }

    /// Whether `command` would be written immediately if sent now.
    func canSendNow(_ command: Command) -> Bool {
        queue.isEmpty && canWrite(command.pipelining)
    }

    private func canWrite(_ requirements: PipeliningRequirements) -> Bool {
        guard !awaitingGreeting, state != .closed, state != .loggedOut, writerTag == nil, idle == nil,
            inFlight.count < max(1, configuration.pipelineDepth)
        else { return false }
        guard !lateCommands.isEmpty else {
            return PipelinePolicy.canSend(requirements, inFlight: inFlight.lazy.map(\.queued.pipelining))
        }
        // a late command may still run and expunge: to the rules it is one more command in flight
        // (the rare path; the one above stays a plain lazy map, which the optimiser inlines)
        let running =
            inFlight.map { $0.queued.pipelining } + lateCommands.map { _ in PipeliningRequirements.mayExpunge }
        return PipelinePolicy.canSend(requirements, inFlight: running)
    }

    /// Accepts a command; returns its tag. The promise is completed through a `.complete` action.
    mutating func enqueue(
        _ command: Command, promise: Promise, idlePlan: IdlePlan? = nil, now: NIODeadline, into actions: inout [Action]
    ) -> String {
        tagCounter += 1
        let tag = "A\(tagCounter)"
        let queued = QueuedCommand(
            tag: tag, command: command, promise: promise, enqueued: now, idlePlan: idlePlan,
            pipelining: command.pipelining)
        if state == .closed || state == .loggedOut {
            let outcome: CommandOutcome = state == .closed ? .disconnected : .bye
            let record = CommandRecord(
                tag: tag, kind: command.kind, outcome: outcome, text: "the connection is already closed",
                enqueued: now, completed: now)
            actions.append(.complete(promise, record))
            return tag
        }
        if queue.isEmpty, canWrite(queued.pipelining) {
            write(queued, now: now, into: &actions)  // the usual case: straight out, no trip through the queue
        } else {
            queue.append(queued)
            writeQueued(now: now, into: &actions)
        }
        return tag
    }

    /// Writes queued commands, oldest first, while the window and the ordering rules allow.
    mutating func writeQueued(now: NIODeadline, into actions: inout [Action]) {
        while let pipelining = queue.first?.pipelining, canWrite(pipelining) {
            write(queue.removeFirst(), now: now, into: &actions)
        }
    }

    /// Takes the command over (`consuming`): it moves into the in-flight list instead of being copied field by field.
    private mutating func write(_ queued: consuming QueuedCommand, now: NIODeadline, into actions: inout [Action]) {
        let start = output.count
        let continuations = encoder.encode(queued.command, tag: queued.tag, appendingFirstPartTo: &output)
        switch queued.command {
        case .select(let name, _): mailbox.reset(selecting: name, readOnly: false)
        case .examine(let name): mailbox.reset(selecting: name, readOnly: true)
        default: break
        }
        actions.append(.write(start..<output.count, logText: redactedLogText(queued, firstPart: true)))
        let deadline = now + configuration.commandTimeout
        let tag = queued.tag
        if let plan = queued.idlePlan { idle = (tag, .awaitingContinuation, plan) }
        var running = InFlightCommand(
            queued: queued, firstByteWritten: now, bytesWritten: output.count - start, deadline: deadline)
        if !continuations.isEmpty {
            running.remainingParts = continuations[...]
            writerTag = tag
        }
        inFlight.append(running)
        writtenSinceFlush += 1
        observer?.written(tag: tag, command: inFlight[inFlight.count - 1].queued.command, mailbox: mailbox)
        actions.append(.armDeadline(deadline))
    }

    /// Appends `bytes` to `output` and asks for them to be written.
    mutating func appendWrite(_ bytes: [UInt8], logText: String?, into actions: inout [Action]) {
        let start = output.count
        output.append(contentsOf: bytes)
        actions.append(.write(start..<output.count, logText: logText))
    }

    /// The caller has carried out every `.write` so far: their ranges are no longer read.
    mutating func clearOutput() {
        output.removeAll(keepingCapacity: output.capacity <= Self.keptOutputCapacity)
    }

    /// Capacity `clearOutput` keeps: a burst of 16 small commands fits; an APPEND's
    /// megabyte does not stay, nor much more per connection than the commands used to cost.
    static var keptOutputCapacity: Int { 1024 }

    /// Lets the output buffer's capacity go (a connection parked in IDLE).
    mutating func releaseOutput() { output = [] }

    /// The handler flushed at `now`: the commands written since the last flush left then, not when
    /// they were put in the read burst's buffer, so their service time starts and their send lag
    /// ends at the flush.
    mutating func markFlushed(now: NIODeadline) {
        let count = min(writtenSinceFlush, inFlight.count)
        writtenSinceFlush = 0
        for index in (inFlight.count - count)..<inFlight.count { inFlight[index].firstByteWritten = now }
    }

    /// Passwords never reach the protocol log; the user name does, since "which user failed to
    /// log in" is what the log is read for. A continuation (a literal) may hold the password: redacted whole.
    func redactedLogText(_ queued: QueuedCommand, firstPart: Bool) -> String? {
        switch queued.command {
        case .login(let user, _):
            return firstPart ? "\(queued.tag) LOGIN \"\(user)\" <redacted>" : "<redacted>"
        case .authenticatePlain(let user, _):
            let credentials = "<redacted> (user \"\(user)\")"
            return firstPart ? "\(queued.tag) AUTHENTICATE PLAIN \(credentials)" : credentials
        default:
            return nil
        }
    }

    mutating func updateCapabilities(_ list: [String]) {
        capabilities = SharedConnectionValues.capabilities(list)
        encoder.options = EncodingOptions(capabilities: capabilities)
    }

    mutating func forgetCapabilities() {
        capabilities = []
        encoder.options = EncodingOptions()
    }

    mutating func setState(_ newState: SessionState) {
        state = newState
    }

    /// Tags of the commands in flight whose deadline has passed, earliest first.
    func expiredTags(now: NIODeadline) -> [String] {
        inFlight.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }.map(\.queued.tag)
            + lateCommands.filter { $0.expires <= now }.map(\.tag)
    }

    /// The next deadline of a command in flight, or of a late command's wait.
    var earliestDeadline: NIODeadline? {
        let running = inFlight.lazy.map(\.deadline).filter { $0 != .distantFuture }.min()
        guard let late = lateCommands.lazy.map(\.expires).min() else { return running }
        return min(running ?? late, late)
    }

    func index(ofTag tag: String) -> Int? {
        inFlight.firstIndex { $0.queued.tag == tag }
    }

    /// The record of a command that got as far as being written.
    func record(
        _ running: InFlightCommand, outcome: CommandOutcome, code: ResponseCode?, text: String, now: NIODeadline
    ) -> CommandRecord {
        CommandRecord(
            tag: running.queued.tag, kind: running.queued.command.kind, outcome: outcome, code: code, text: text,
            bytesWritten: running.bytesWritten, bytesRead: running.bytesRead, untaggedCount: running.untaggedCount,
            enqueued: running.queued.enqueued, firstByteWritten: running.firstByteWritten,
            firstResponseByte: running.firstResponseByte, completed: now)
    }
}

extension ConnectionStateMachine {
    /// The commands waiting for room in the window, oldest first.
    ///
    /// Allocated by the first command that has to wait: most connections never queue (a session
    /// keeps at most its depth outstanding), and even two slots of a `CircularBuffer` cost
    /// 256 bytes per connection, for 19,000 sessions parked in IDLE 5 MB holding nothing.
    struct CommandQueue {
        private var storage: CircularBuffer<QueuedCommand>?

        var isEmpty: Bool { storage?.isEmpty ?? true }
        var count: Int { storage?.count ?? 0 }
        var first: QueuedCommand? { storage?.first }

        mutating func append(_ command: QueuedCommand) {
            if storage == nil { storage = CircularBuffer(initialCapacity: 2) }
            storage!.append(command)
        }

        /// Precondition: not empty.
        mutating func removeFirst() -> QueuedCommand { storage!.removeFirst() }

        mutating func popFirst() -> QueuedCommand? { storage?.popFirst() }
    }
}
