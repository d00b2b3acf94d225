/// FETCH response attributes (RFC 3501 §7.4.2, RFC 9051 §7.5.2, RFC 3516 BINARY, RFC 7162 MODSEQ).
extension ResponseParser.Grammar {
    // msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"
    mutating func parseFetchAttributes() throws -> [FetchAttribute] {
        try enterParenthesis()
        var attributes: [FetchAttribute] = []
        attributes.reserveCapacity(4)  // one allocation for the usual few attributes
        while index < end, bytes[index] != 0x29 {
            guard attributes.count < limits.maxFetchAttributes else {
                throw Failure(
                    reason: "expected at most \(limits.maxFetchAttributes) FETCH attributes, got more",
                    position: index)
            }
            attributes.append(try parseFetchAttribute())
            if !skipSpace() { break }
        }
        try leaveParenthesis()
        return attributes
    }

    /// A FETCH attribute name: stops at SP, "[", "(", ")" and "<".
    mutating func readFetchName() throws -> Range<Int> {
        let start = index
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x5B || byte == 0x28 || byte == 0x29 || byte == 0x3C { break }
            index += 1
        }
        guard index > start else { throw failure("a FETCH attribute") }
        return start..<index
    }

    // msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")" / "MODSEQ" SP "(" mod-sequence-value ")"
    // msg-att-static = "ENVELOPE" SP envelope / "INTERNALDATE" SP date-time / "RFC822.SIZE" SP number /
    //   "UID" SP uniqueid / "BODY" ["STRUCTURE"] SP body / body-att (see parseBodyAttribute)
    mutating func parseFetchAttribute() throws -> FetchAttribute {
        let name = try readFetchName()
        if matches(name, "UID") { try expectSpace(); return .uid(try readNumber("a UID")) }
        if matches(name, "FLAGS") { try expectSpace(); return .flags(try readFlagList()) }
        if let kind = bodyKind(name) { return try parseBodyAttribute(kind, name: name) }
        if matches(name, "RFC822.SIZE") { try expectSpace(); return .rfc822Size(try readNumber64("a size")) }
        if matches(name, "INTERNALDATE") {
            try expectSpace()
            return .internalDate(try decode(readString("a date-time")))
        }
        if matches(name, "MODSEQ") { return try parseModSeq() }
        if matches(name, "ENVELOPE") {
            try expectSpace()
            guard peek() == 0x28 else { throw failure("\"(\" starting an envelope") }
            return .envelope(try readRawValue("an envelope"))
        }
        if matches(name, "BODYSTRUCTURE") { return try parseBodyStructure(extensible: true) }
        return try parseOtherAttribute(name)
    }

    func bodyKind(_ name: Range<Int>) -> BodyKind? {
        switch name.count {
        case 4: return matches(name, "BODY") ? .body : nil
        case 6: return matches(name, "BINARY") ? .binary : matches(name, "RFC822") ? .rfc822 : nil
        case 11: return matches(name, "RFC822.TEXT") ? .rfc822Text : nil
        case 13: return matches(name, "RFC822.HEADER") ? .rfc822Header : nil
        default: return nil
        }
    }

    // "MODSEQ" SP "(" mod-sequence-value ")"
    mutating func parseModSeq() throws -> FetchAttribute {
        try expectSpace()
        try enterParenthesis()
        let value = try readNumber64("a mod-sequence")
        try leaveParenthesis()
        return .modSeq(value)
    }

    // "BODY" SP body   (the non-extensible structure; kept as raw text)
    mutating func parseBodyStructure(extensible: Bool) throws -> FetchAttribute {
        try expectSpace()
        guard peek() == 0x28 else { throw failure("\"(\" starting a body structure") }
        return .bodyStructure(try readRawValue("a body structure"), extensible: extensible)
    }

    // body-att = "BODY" section ["<" number ">"] SP nstring / "BINARY" section-binary SP (nstring / literal8) /
    //   "RFC822" [".HEADER" / ".TEXT"] SP nstring
    mutating func parseBodyAttribute(_ kind: BodyKind, name: Range<Int>) throws -> FetchAttribute {
        var section = ""
        if kind == .body || kind == .binary {
            if kind == .body, peek() == 0x20 { return try parseBodyStructure(extensible: false) }
            section = try readSection()
        }
        var origin: Int?
        if kind == .body, peek() == 0x3C {
            index += 1
            origin = Int(try readNumber("an origin octet"))
            try expect(0x3E, "\">\" closing the origin")
        }
        try expectSpace()
        let (byteCount, data) = try readBody()
        return .body(kind, section: section, origin: origin, byteCount: byteCount, data: data)
    }

    // section = "[" [section-spec] "]"   (kept as its text, for example "HEADER.FIELDS (SUBJECT)")
    mutating func readSection() throws -> String {
        try expect(0x5B, "\"[\" starting a section")
        let start = index
        while index < end, bytes[index] != 0x5D { index += 1 }
        let section = text(start..<index)
        try expect(0x5D, "\"]\" closing the section")
        return section
    }

    /// A body value: NIL, a quoted string or a literal; streamed literals were counted by the framer.
    mutating func readBody() throws -> (byteCount: Int?, data: [UInt8]?) {
        if readNil() { return (nil, nil) }
        switch try readString("a message body (a string, a literal or NIL)") {
        case .body(let literal):
            return (literal.byteCount, literal.data)
        case .inline(let range, let escaped):
            if escaped {
                let unescaped = unescapedBytes(range)
                return (unescaped.count, keepBodies ? unescaped : nil)
            }
            return (range.count, keepBodies ? Array(UnsafeRawBufferPointer(rebasing: bytes[range])) : nil)
        }
    }

    /// Anything else (`BINARY.SIZE[1] 120`, `X-GM-MSGID 123`, `PREVIEW "..."`): its name (with section) and raw value.
    mutating func parseOtherAttribute(_ name: Range<Int>) throws -> FetchAttribute {
        var fullName = text(name)
        if peek() == 0x5B { fullName += "[" + (try readSection()) + "]" }
        try expectSpace()
        return .other(name: fullName, value: try readRawValue("a FETCH attribute value"))
    }
}
