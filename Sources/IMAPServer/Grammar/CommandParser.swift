import IMAPProtocol

/// Reads one tagged command from a frame (RFC 3501 §9 `command`).
///
/// Failures carry the tag when it could be read, so the server can answer `tag BAD ...`.
enum CommandParser {
    struct Failure: Error {
        var tag: String?
        var message: String
    }

    // command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF
    static func parse(_ frame: CommandFrame) -> Result<TaggedCommand, Failure> {
        var reader = CommandReader(frame)
        guard let tag = try? reader.readTag(), !tag.isEmpty else {
            return .failure(Failure(tag: nil, message: "missing tag"))
        }
        do {
            try reader.expectSpace()
            var name = try reader.readAtom().uppercased()
            var uid = false
            if name == "UID" {
                uid = true
                try reader.expectSpace()
                name = try reader.readAtom().uppercased()
            }
            let command = try parseCommand(name, uid: uid, &reader)
            try reader.expectEnd()
            return .success(TaggedCommand(tag: tag, name: name, command: command))
        } catch let error as CommandSyntaxError {
            return .failure(Failure(tag: tag, message: error.description))
        } catch {
            return .failure(Failure(tag: tag, message: "\(error)"))
        }
    }

    private static func parseCommand(_ name: String, uid: Bool, _ reader: inout CommandReader) throws -> ServerCommand {
        if uid {
            return try parseUIDCommand(name, &reader)
        }
        switch name {
        case "CAPABILITY": return .capability
        case "NOOP": return .noop
        case "LOGOUT": return .logout
        case "STARTTLS": return .startTLS
        case "CHECK": return .check
        case "CLOSE": return .close
        case "UNSELECT": return .unselect
        case "EXPUNGE": return .expunge(uids: nil)
        case "IDLE": return .idle
        case "NAMESPACE": return .namespace
        case "ID":
            reader.skipToEnd()
            return .id
        case "LOGIN":
            try reader.expectSpace()
            let user = try reader.readAString()
            try reader.expectSpace()
            return .login(user: user, password: try reader.readAString())
        case "AUTHENTICATE": return try parseAuthenticate(&reader)
        case "ENABLE":
            var names: [String] = []
            while reader.consume(UInt8(ascii: " ")) { names.append(try reader.readAtom().uppercased()) }
            return .enable(names)
        case "SELECT", "EXAMINE":
            try reader.expectSpace()
            let mailbox = try reader.readAString()
            reader.skipToEnd()  // select parameters such as (CONDSTORE) are accepted and ignored
            return .select(mailbox: mailbox, readOnly: name == "EXAMINE")
        case "CREATE": return .create(mailbox: try readMailboxArgument(&reader))
        case "DELETE": return .delete(mailbox: try readMailboxArgument(&reader))
        case "SUBSCRIBE": return .subscribe(mailbox: try readMailboxArgument(&reader), subscribed: true)
        case "UNSUBSCRIBE": return .subscribe(mailbox: try readMailboxArgument(&reader), subscribed: false)
        case "RENAME":
            let from = try readMailboxArgument(&reader)
            return .rename(from: from, to: try readMailboxArgument(&reader))
        case "LIST", "LSUB":
            let reference = try readMailboxArgument(&reader)
            try reader.expectSpace()
            return .list(reference: reference, pattern: try reader.readListMailbox(), subscribedOnly: name == "LSUB")
        case "STATUS": return try parseStatus(&reader)
        case "APPEND": return try parseAppend(&reader)
        case "SEARCH", "FETCH", "STORE", "COPY", "MOVE": return try parseMessageCommand(name, uid: false, &reader)
        default: throw CommandSyntaxError("unknown command \(name)")
        }
    }

    private static func parseUIDCommand(_ name: String, _ reader: inout CommandReader) throws -> ServerCommand {
        if name == "EXPUNGE" {
            try reader.expectSpace()
            return .expunge(uids: try reader.readMessageSet())
        }
        switch name {
        case "FETCH", "STORE", "SEARCH", "COPY", "MOVE": return try parseMessageCommand(name, uid: true, &reader)
        default: throw CommandSyntaxError("unknown UID command \(name)")
        }
    }

    private static func parseMessageCommand(
        _ name: String, uid: Bool, _ reader: inout CommandReader
    ) throws -> ServerCommand {
        try reader.expectSpace()
        if name == "SEARCH" { return .search(try parseSearchProgram(&reader), uid: uid) }
        let set = try reader.readMessageSet()
        try reader.expectSpace()
        switch name {
        case "FETCH": return .fetch(set, try parseFetchItems(&reader), uid: uid)
        case "STORE": return try parseStore(set, uid: uid, &reader)
        default: return .copy(set, mailbox: try reader.readAString(), uid: uid, move: name == "MOVE")
        }
    }

    static func readMailboxArgument(_ reader: inout CommandReader) throws -> String {
        try reader.expectSpace()
        return try reader.readAString()
    }

    // authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")]
    private static func parseAuthenticate(_ reader: inout CommandReader) throws -> ServerCommand {
        try reader.expectSpace()
        let mechanism = try reader.readAtom().uppercased()
        var initial: String?
        if reader.consume(UInt8(ascii: " ")) {
            initial = try reader.readRun("base64", { CommandReader.isAtomCharacter($0) })
        }
        return .authenticate(mechanism: mechanism, initialResponse: initial)
    }

    // status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"
    private static func parseStatus(_ reader: inout CommandReader) throws -> ServerCommand {
        let mailbox = try readMailboxArgument(&reader)
        try reader.expectSpace()
        var items: [String] = []
        try reader.readParenthesizedList { items.append(try $0.readAtom().uppercased()) }
        return .status(mailbox: mailbox, items: items)
    }

    // append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal
    private static func parseAppend(_ reader: inout CommandReader) throws -> ServerCommand {
        let mailbox = try readMailboxArgument(&reader)
        try reader.expectSpace()
        var flags: [String] = []
        var date: Int64?
        if reader.peek == UInt8(ascii: "(") {
            flags = try reader.readFlagList()
            try reader.expectSpace()
        }
        if reader.peek == UInt8(ascii: "\"") {
            let text = String(decoding: try reader.readQuoted(), as: UTF8.self)
            guard let parsed = IMAPDate.parseDateTime(text) else { throw CommandSyntaxError("bad date-time \(text)") }
            date = parsed
            try reader.expectSpace()
        }
        return .append(mailbox: mailbox, flags: flags, internalDate: date, message: try reader.readLiteral())
    }

    // store = "STORE" SP sequence-set SP store-att-flags ; store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
    private static func parseStore(_ set: MessageSet, uid: Bool, _ reader: inout CommandReader) throws -> ServerCommand
    {
        let word = try reader.readRun(
            "+FLAGS, -FLAGS or FLAGS",
            {
                CommandReader.isAtomCharacter($0)
            }
        ).uppercased()
        guard let action = StoreOperation(keyword: word.hasSuffix(".SILENT") ? String(word.dropLast(7)) : word) else {
            throw CommandSyntaxError("expected +FLAGS, -FLAGS or FLAGS, got \(word)")
        }
        try reader.expectSpace()
        var flags: [String] = []
        if reader.peek == UInt8(ascii: "(") {
            flags = try reader.readFlagList()
        } else {
            repeat { flags.append(try reader.readFlag()) } while reader.consume(UInt8(ascii: " "))
        }
        return .store(set, action, flags: flags, silent: word.hasSuffix(".SILENT"), uid: uid)
    }
}

extension CommandReader {
    /// Skips arguments the server accepts but ignores.
    mutating func skipToEnd() {
        while !isAtEnd { _ = consume(peek ?? 0) }
    }
}
