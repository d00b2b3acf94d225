/// Strings of RFC 3501 §4.3 / §9: quoted, literal, astring, nstring, and values skipped as raw text.
extension ResponseParser.Grammar {
    /// Where a string's bytes are: inline in the response, or a streamed message body literal.
    enum StringValue {
        /// Bytes in the response; `escaped` when a quoted string contains backslash escapes.
        case inline(Range<Int>, escaped: Bool)
        case body(BodyLiteral)
    }

    // string = quoted / literal ; literal8 = "~{" number64 ["+"] "}" CRLF *OCTET
    mutating func readString(_ what: String) throws -> StringValue {
        switch peek() {
        case 0x22: return try readQuoted()
        case 0x7B: return try readLiteral()
        case 0x7E where index + 1 < end && bytes[index + 1] == 0x7B: return try readLiteral()
        default: throw failure(what)
        }
    }

    // quoted = DQUOTE *QUOTED-CHAR DQUOTE
    mutating func readQuoted() throws -> StringValue {
        try expect(0x22, "a quoted string")
        let start = index
        var escaped = false
        while index < end {
            switch bytes[index] {
            case 0x22:
                index += 1
                return .inline(start..<(index - 1), escaped: escaped)
            case 0x5C:
                escaped = true
                index += 2
            default:
                index += 1
            }
        }
        index = end
        throw Failure(reason: "expected a closing quote, got the end of the line", position: start - 1)
    }

    // literal = "{" number64 ["+"] "}" CRLF *CHAR8
    mutating func readLiteral() throws -> StringValue {
        let start = index
        if peek() == 0x7E { index += 1 }
        try expect(0x7B, "\"{\"")
        let count = try readNumber64("a literal size")
        if peek() == 0x2B { index += 1 }
        try expect(0x7D, "\"}\"")
        if peek() == 0x0D { index += 1 }
        guard index < bytes.count, bytes[index] == 0x0A else {
            throw Failure(reason: "expected CRLF after a literal announcement", position: start)
        }
        index += 1
        if nextBodyLiteral < bodyLiterals.count, bodyLiterals[nextBodyLiteral].position == index {
            nextBodyLiteral += 1
            return .body(bodyLiterals[nextBodyLiteral - 1])
        }
        guard let size = Int(exactly: count), size <= bytes.count - index else {
            throw Failure(reason: "expected \(count) literal bytes, got fewer", position: start)
        }
        index += size
        return .inline((index - size)..<index, escaped: false)
    }

    /// The text of a string; a streamed body where a string was expected is an error.
    mutating func decode(_ value: StringValue) throws -> String {
        switch value {
        case .inline(let range, let escaped):
            return escaped ? String(decoding: unescapedBytes(range), as: UTF8.self) : text(range)
        case .body:
            throw Failure(reason: "expected a string, got a message body literal", position: index)
        }
    }

    func unescapedBytes(_ range: Range<Int>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            if bytes[position] == 0x5C, position + 1 < range.upperBound { position += 1 }
            result.append(bytes[position])
            position += 1
        }
        return result
    }

    // astring = 1*ASTRING-CHAR / string
    mutating func readAString(_ what: String) throws -> String {
        guard let byte = peek() else { throw failure(what) }
        if byte == 0x22 || byte == 0x7B || (byte == 0x7E && index + 1 < end && bytes[index + 1] == 0x7B) {
            return try decode(readString(what))
        }
        let start = index
        while index < end, Self.isAStringChar(bytes[index]) { index += 1 }
        guard index > start else { throw failure(what) }
        return text(start..<index)
    }

    // nstring = string / nil
    mutating func readNString(_ what: String) throws -> String? {
        if readNil() { return nil }
        return try decode(readString(what))
    }

    // nil = "NIL"
    mutating func readNil() -> Bool {
        guard index + 3 <= end, matches(index..<(index + 3), "NIL") else { return false }
        if index + 3 < end, Self.isAtomChar(bytes[index + 3]) { return false }
        index += 3
        return true
    }

    /// Skips one value (atom, number, string, literal or parenthesised list, nesting bounded) and
    /// returns its raw bytes as text: for ENVELOPE, BODYSTRUCTURE, NAMESPACE and extension data.
    mutating func readRawValue(_ what: String) throws -> String {
        let start = index
        try skipValue(what)
        return text(start..<index)
    }

    mutating func skipValue(_ what: String) throws {
        guard let byte = peek() else { throw failure(what) }
        switch byte {
        case 0x28:
            try enterParenthesis()
            while peek() != 0x29 {
                try skipValue(what)
                // body-type-mpart = 1*body SP media-subtype: the parts of a multipart body
                // follow each other with no space between them
                if peek() == 0x20 {
                    index += 1
                } else if peek() != 0x29 && peek() != 0x28 {
                    throw failure("a space or \")\"")
                }
            }
            try leaveParenthesis()
        case 0x22, 0x7B:
            _ = try readString(what)
        case 0x7E where index + 1 < end && bytes[index + 1] == 0x7B:
            _ = try readString(what)
        default:
            _ = try readToken(what)
        }
    }

    // flag-list = "(" [flag *(SP flag)] ")"
    mutating func readFlagList() throws -> [String] {
        try enterParenthesis()
        var flags: [String] = []
        flags.reserveCapacity(4)
        while index < end, bytes[index] != 0x29 {
            flags.append(text(try readToken("a flag")))
            if !skipSpace() { break }
        }
        try leaveParenthesis()
        return flags
    }
}
