/// Response codes (RFC 3501 §7.1, RFC 9051 §7.1, RFC 4315 UIDPLUS, RFC 7162 CONDSTORE).
///
/// A known code whose arguments do not parse is kept as `.other` rather than rejected: a code is
/// advice, and a session should not die over it.
extension ResponseParser.Grammar {
    // resp-text-code = "ALERT" / "BADCHARSET" [...] / capability-data / "PARSE" / "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" /
    //   "READ-ONLY" / "READ-WRITE" / "TRYCREATE" / "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number /
    //   "UNSEEN" SP nz-number / resp-code-apnd / resp-code-copy / "HIGHESTMODSEQ" SP mod-sequence-value / "CLOSED" /
    //   atom [SP 1*<any TEXT-CHAR except "]">]
    mutating func parseResponseCode() throws -> ResponseCode {
        let name = try readAtom("a response code")
        let argumentsStart = index
        let depthBefore = depth
        if let known = try? parseKnownCode(name), peek() == 0x5D { return known }
        index = argumentsStart
        depth = depthBefore
        return .other(name: text(name), text: readCodeText())
    }

    mutating func parseKnownCode(_ name: Range<Int>) throws -> ResponseCode? {
        switch name.count {
        case 5:
            if matches(name, "ALERT") { return .alert }
            if matches(name, "PARSE") { return .parse }
        case 6:
            if matches(name, "CLOSED") { return .closed }
            if matches(name, "UNSEEN") { try expectSpace(); return .unseen(try readNumber("a number")) }
        case 7:
            if matches(name, "UIDNEXT") { try expectSpace(); return .uidNext(try readNumber("a UID")) }
            if matches(name, "COPYUID") { return try parseCopyUID() }
        case 9:
            if matches(name, "READ-ONLY") { return .readOnly }
            if matches(name, "TRYCREATE") { return .tryCreate }
            if matches(name, "APPENDUID") { return try parseAppendUID() }
        case 10:
            if matches(name, "READ-WRITE") { return .readWrite }
            if matches(name, "CAPABILITY") { return .capability(try readAtomList()) }
        case 11: if matches(name, "UIDVALIDITY") { try expectSpace(); return .uidValidity(try readNumber("a number")) }
        case 13:
            if matches(name, "HIGHESTMODSEQ") {
                try expectSpace()
                return .highestModSeq(try readNumber64("a mod-sequence"))
            }
        case 14: if matches(name, "PERMANENTFLAGS") { try expectSpace(); return .permanentFlags(try readFlagList()) }
        default: break
        }
        return nil
    }

    // resp-code-apnd = "APPENDUID" SP nz-number SP append-uid
    mutating func parseAppendUID() throws -> ResponseCode {
        try expectSpace()
        let validity = try readNumber("a UIDVALIDITY")
        try expectSpace()
        return .appendUID(uidValidity: validity, uids: text(try readSetText()))
    }

    // resp-code-copy = "COPYUID" SP nz-number SP uid-set SP uid-set
    mutating func parseCopyUID() throws -> ResponseCode {
        try expectSpace()
        let validity = try readNumber("a UIDVALIDITY")
        try expectSpace()
        let source = text(try readSetText())
        try expectSpace()
        return .copyUID(uidValidity: validity, source: source, destination: text(try readSetText()))
    }

    /// A sequence set as written: digits, ":", ",", "*".
    mutating func readSetText() throws -> Range<Int> {
        let start = index
        while index < end, case let byte = bytes[index],
            byte &- 0x30 < 10 || byte == 0x3A || byte == 0x2C || byte == 0x2A
        {
            index += 1
        }
        guard index > start else { throw failure("a sequence set") }
        return start..<index
    }

    /// `*(SP atom)` up to "]" or the end of the line: capability and enable lists.
    mutating func readAtomList() throws -> [String] {
        var atoms: [String] = []
        while skipSpace() {
            if isAtEnd || peek() == 0x5D { break }  // a trailing space
            atoms.append(text(try readAtom("a capability")))
        }
        return atoms
    }

    /// The raw text of an unknown code up to "]", without its leading SP.
    mutating func readCodeText() -> String? {
        _ = skipSpace()
        let start = index
        while index < end, bytes[index] != 0x5D { index += 1 }
        return index > start ? text(start..<index) : nil
    }
}
