extension CommandParser {
    // search = "SEARCH" [SP "CHARSET" SP astring] 1*(SP search-key)
    static func parseSearchProgram(_ reader: inout CommandReader) throws -> SearchKey {
        var keys: [SearchKey] = []
        repeat {
            if keys.isEmpty, let charsetKey = try parseCharset(&reader) {
                _ = charsetKey
                continue
            }
            keys.append(try parseSearchKey(&reader))
        } while reader.consume(UInt8(ascii: " "))
        return keys.count == 1 ? keys[0] : .and(keys)
    }

    /// Accepts `CHARSET UTF-8` / `US-ASCII`; returns nil when the program does not start with CHARSET.
    private static func parseCharset(_ reader: inout CommandReader) throws -> String? {
        var lookahead = reader
        guard (try? lookahead.readAtom().uppercased()) == "CHARSET" else { return nil }
        try lookahead.expectSpace()
        let charset = try lookahead.readAString().uppercased()
        guard charset == "UTF-8" || charset == "US-ASCII" else {
            throw CommandSyntaxError("[BADCHARSET (UTF-8 US-ASCII)] unsupported charset \(charset)")
        }
        reader = lookahead
        return charset
    }

    // search-key = "ALL" / "ANSWERED" / "BCC" SP astring / ... / "(" search-key *(SP search-key) ")"
    static func parseSearchKey(_ reader: inout CommandReader) throws -> SearchKey {
        if reader.isAtMessageSet { return .sequence(try reader.readMessageSet()) }
        if reader.peek == UInt8(ascii: "(") {
            var keys: [SearchKey] = []
            try reader.readParenthesizedList { keys.append(try parseSearchKey(&$0)) }
            return .and(keys)
        }
        let name = try reader.readAtom().uppercased()
        if let simple = simpleSearchKeys[name] { return simple }
        switch name {
        case "NOT":
            try reader.expectSpace()
            return .not(try parseSearchKey(&reader))
        case "OR":
            try reader.expectSpace()
            let first = try parseSearchKey(&reader)
            try reader.expectSpace()
            return .or(first, try parseSearchKey(&reader))
        case "KEYWORD", "UNKEYWORD":
            try reader.expectSpace()
            return .flag(try reader.readAtom(), set: name == "KEYWORD")
        case "FROM", "TO", "CC", "BCC", "SUBJECT":
            return .header(field: name.lowercased(), value: try readSearchString(&reader))
        case "HEADER":
            try reader.expectSpace()
            let field = try reader.readAString().lowercased()
            return .header(field: field, value: try readSearchString(&reader))
        case "BODY": return .body(try readSearchString(&reader))
        case "TEXT": return .text(try readSearchString(&reader))
        case "BEFORE", "ON", "SINCE", "SENTBEFORE", "SENTON", "SENTSINCE": return try parseDateKey(name, &reader)
        case "LARGER", "SMALLER":
            try reader.expectSpace()
            let size = Int(try reader.readNumber())
            return name == "LARGER" ? .larger(size) : .smaller(size)
        case "UID":
            try reader.expectSpace()
            return .uid(try reader.readMessageSet())
        default: throw CommandSyntaxError("unsupported search key \(name)")
        }
    }

    private static let simpleSearchKeys: [String: SearchKey] = [
        "ALL": .all, "RECENT": .recent(true), "OLD": .recent(false), "NEW": .new,
        "ANSWERED": .systemFlag(MessageFlags.answered, set: true),
        "UNANSWERED": .systemFlag(MessageFlags.answered, set: false),
        "DELETED": .systemFlag(MessageFlags.deleted, set: true),
        "UNDELETED": .systemFlag(MessageFlags.deleted, set: false),
        "DRAFT": .systemFlag(MessageFlags.draft, set: true), "UNDRAFT": .systemFlag(MessageFlags.draft, set: false),
        "FLAGGED": .systemFlag(MessageFlags.flagged, set: true),
        "UNFLAGGED": .systemFlag(MessageFlags.flagged, set: false),
        "SEEN": .systemFlag(MessageFlags.seen, set: true), "UNSEEN": .systemFlag(MessageFlags.seen, set: false),
    ]

    private static func readSearchString(_ reader: inout CommandReader) throws -> String {
        try reader.expectSpace()
        return try reader.readAString().lowercased()
    }

    // date = date-text / DQUOTE date-text DQUOTE ; date-text = date-day "-" date-month "-" date-year
    private static func parseDateKey(_ name: String, _ reader: inout CommandReader) throws -> SearchKey {
        try reader.expectSpace()
        let text = try reader.readAString()
        guard let day = IMAPDate.parseDay(text) else {
            throw CommandSyntaxError("bad date \(text), expected 1-Jan-2024")
        }
        let sent = name.hasPrefix("SENT")
        switch name.dropFirst(sent ? 4 : 0) {
        case "BEFORE": return .before(day: day, sent: sent)
        case "ON": return .on(day: day, sent: sent)
        default: return .since(day: day, sent: sent)
        }
    }
}
