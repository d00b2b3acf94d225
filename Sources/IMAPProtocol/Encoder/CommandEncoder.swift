/// Turns a `Command` and a tag into wire bytes (RFC 3501 §6, RFC 9051 §6).
///
/// Strings travel as atoms, quoted strings or literals as their bytes require; a synchronizing
/// literal cuts the command into parts, and the client waits for `+` before writing each later part.
///
///     C: a1 LOGIN user1 "pa ss"            (one part)
///     C: a2 APPEND INBOX (\Seen) {310}     (part 1; S: + Ready)
///     C: <310 bytes>                        (part 2)
public struct CommandEncoder: Sendable {
    public var options: EncodingOptions

    public init(options: EncodingOptions = EncodingOptions()) {
        self.options = options
    }

    /// Encodes `command` tagged with `tag`.
    public func encode(_ command: Command, tag: String) -> EncodedCommand {
        var first: [UInt8] = []
        first.reserveCapacity(64)
        let continuations = encode(command, tag: tag, appendingFirstPartTo: &first)
        return EncodedCommand(first: first, continuations: continuations)
    }

    /// Encodes `command` tagged with `tag`, appending its first part to `output` and returning the
    /// parts that wait for a `+` continuation (almost always none).
    ///
    /// Why: a connection writes the commands of one read burst into one buffer it keeps. Encoding
    /// each into an array of its own cost an allocation, a copy and a free per command.
    public func encode(_ command: Command, tag: String, appendingFirstPartTo output: inout [UInt8]) -> [[UInt8]] {
        var writer = CommandWriter(options: options)
        swap(&writer.current, &output)  // the writer appends in place, the buffer stays unique
        writer.append(tag)
        writer.append(" ")
        writeBody(of: command, into: &writer)
        writer.append("\r\n")
        return writer.finish(into: &output)
    }

    /// Ends IDLE (RFC 2177).
    public static let idleDone: [UInt8] = Array("DONE\r\n".utf8)

    func writeBody(of command: Command, into writer: inout CommandWriter) {
        switch command {
        case .capability: writer.append("CAPABILITY")
        case .noop: writer.append("NOOP")
        case .logout: writer.append("LOGOUT")
        case .startTLS: writer.append("STARTTLS")
        case .login(let user, let password):
            writer.append("LOGIN ")
            writer.appendAString(user)
            writer.append(" ")
            writer.appendAString(password)
        case .authenticatePlain(let user, let password):
            writeAuthenticatePlain(user: user, password: password, into: &writer)
        case .enable(let capabilities):
            writer.append("ENABLE")
            for capability in capabilities { writer.append(" " + capability) }
        case .id(let fields): writeID(fields, into: &writer)
        case .namespace: writer.append("NAMESPACE")
        case .select(let mailbox, let condstore):
            writer.appendCommand("SELECT", mailbox: mailbox)
            if condstore { writer.append(" (CONDSTORE)") }
        case .examine(let mailbox): writer.appendCommand("EXAMINE", mailbox: mailbox)
        case .create(let mailbox): writer.appendCommand("CREATE", mailbox: mailbox)
        case .delete(let mailbox): writer.appendCommand("DELETE", mailbox: mailbox)
        case .rename(let from, let to):
            writer.appendCommand("RENAME", mailbox: from)
            writer.append(" ")
            writer.appendAString(to)
        case .subscribe(let mailbox): writer.appendCommand("SUBSCRIBE", mailbox: mailbox)
        case .unsubscribe(let mailbox): writer.appendCommand("UNSUBSCRIBE", mailbox: mailbox)
        case .list(let reference, let pattern): writeList("LIST", reference: reference, pattern: pattern, into: &writer)
        case .lsub(let reference, let pattern): writeList("LSUB", reference: reference, pattern: pattern, into: &writer)
        case .status(let mailbox, let items):
            writer.appendCommand("STATUS", mailbox: mailbox)
            writer.append(" (" + items.map(\.rawValue).joined(separator: " ") + ")")
        case .append(let mailbox, let flags, let date, let message):
            writeAppend(mailbox: mailbox, flags: flags, date: date, message: message, into: &writer)
        default:
            writeSelectedStateCommand(command, into: &writer)
        }
    }

    /// Commands of the selected state (RFC 3501 §6.4), plus IDLE and raw text.
    func writeSelectedStateCommand(_ command: Command, into writer: inout CommandWriter) {
        switch command {
        case .check: writer.append("CHECK")
        case .close: writer.append("CLOSE")
        case .unselect: writer.append("UNSELECT")
        case .expunge: writer.append("EXPUNGE")
        case .uidExpunge(let set):
            writer.append("UID EXPUNGE ")
            writer.appendSequenceSet(set)
        case .search(let criteria, let uid):
            writer.append(uid ? "UID SEARCH " : "SEARCH ")
            writer.append(criteria.isEmpty ? "ALL" : criteria)
        case .fetch(let set, let items, let uid):
            writer.append(uid ? "UID FETCH " : "FETCH ")
            writer.appendSequenceSet(set)
            writer.append(" ")
            Self.appendFetchItems(items, into: &writer)
        case .store(let set, let operation, let flags, let silent, let uid):
            writer.append(uid ? "UID STORE " : "STORE ")
            writer.appendSequenceSet(set)
            writer.append(" ")
            writer.append(operation.keyword)
            writer.append(silent ? ".SILENT (" : " (")
            writer.appendJoined(flags)
            writer.append(")")
        case .copy(let set, let mailbox, let uid):
            writer.appendCommand((uid ? "UID COPY " : "COPY ") + set.wireText, mailbox: mailbox)
        case .move(let set, let mailbox, let uid):
            writer.appendCommand((uid ? "UID MOVE " : "MOVE ") + set.wireText, mailbox: mailbox)
        case .idle: writer.append("IDLE")
        case .raw(let text): writer.append(text)
        default: writer.append("NOOP")  // unreachable: every other case is written by writeBody
        }
    }
}
