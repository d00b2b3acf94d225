/// Recognising literal announcements at the end of a line, and which of them carry message bodies.
extension ResponseParser {
    /// The size announced by a line ending in `{n}`, `{n+}` or `~{n}` before CRLF (or bare LF); `nil` otherwise.
    /// Returns -1 for a size too large to represent, which the caller rejects.
    static func literalAnnouncement(_ line: UnsafeRawBufferPointer) -> Int? {
        guard let brace = openingBraceOfAnnouncement(line) else { return nil }
        var value = 0
        var index = brace + 1
        while index < line.count, case let byte = line[index], byte >= 0x30, byte <= 0x39 {
            if value > (Int.max - 9) / 10 { return -1 }
            value = value * 10 + Int(byte - 0x30)
            index += 1
        }
        return value
    }

    /// The index of `{` of an announcement ending the line, validating `{` 1*DIGIT ["+"] `}`.
    static func openingBraceOfAnnouncement(_ line: UnsafeRawBufferPointer) -> Int? {
        var index = line.count - 1
        guard index >= 0, line[index] == 0x0A else { return nil }
        index -= 1
        if index >= 0, line[index] == 0x0D { index -= 1 }
        guard index >= 2, line[index] == 0x7D else { return nil }  // "}"
        index -= 1
        if line[index] == 0x2B { index -= 1 }  // "+"
        let lastDigit = index
        while index >= 0, line[index] >= 0x30, line[index] <= 0x39 { index -= 1 }
        guard index < lastDigit, index >= 0, line[index] == 0x7B else { return nil }  // "{"
        return index
    }

    /// Whether the literal ending this response text is the value of a FETCH body attribute:
    /// `* n FETCH (... BODY[section]<origin> {n}`, `BINARY[section] ~{n}`, `RFC822[.HEADER/.TEXT] {n}`.
    /// Only those are streamed; every other literal is a string the grammar needs.
    static func announcesBodyLiteral(_ text: UnsafeRawBufferPointer) -> Bool {
        guard isFetchResponse(text), var index = openingBraceOfAnnouncement(text) else { return false }
        index -= 1
        if index >= 0, text[index] == 0x7E { index -= 1 }  // "~"
        guard index >= 0, text[index] == 0x20 else { return false }
        index -= 1
        if index >= 0, text[index] == 0x3E {  // "<origin>"
            while index >= 0, text[index] != 0x3C { index -= 1 }
            index -= 1
        }
        var hasSection = false
        if index >= 0, text[index] == 0x5D {  // "[section]"
            while index >= 0, text[index] != 0x5B { index -= 1 }
            index -= 1
            hasSection = true
        }
        let nameEnd = index + 1
        while index >= 0, text[index] != 0x20, text[index] != 0x28 { index -= 1 }
        let name = UnsafeRawBufferPointer(rebasing: text[(index + 1)..<max(index + 1, nameEnd)])
        if hasSection { return Grammar.equalsKeyword(name, "BODY") || Grammar.equalsKeyword(name, "BINARY") }
        return Grammar.equalsKeyword(name, "RFC822") || Grammar.equalsKeyword(name, "RFC822.HEADER")
            || Grammar.equalsKeyword(name, "RFC822.TEXT")
    }

    /// `* 1*DIGIT SP FETCH SP`, case-insensitive.
    static func isFetchResponse(_ text: UnsafeRawBufferPointer) -> Bool {
        guard text.count > 10, text[0] == 0x2A, text[1] == 0x20 else { return false }
        var index = 2
        while index < text.count, text[index] >= 0x30, text[index] <= 0x39 { index += 1 }
        guard index > 2, index + 6 < text.count, text[index] == 0x20 else { return false }
        let keyword = UnsafeRawBufferPointer(rebasing: text[(index + 1)..<(index + 6)])
        return Grammar.equalsKeyword(keyword, "FETCH") && text[index + 6] == 0x20
    }
}

extension ResponseParserError {
    /// A printable excerpt of `bytes` near `position`: control and non-ASCII bytes escaped, at most ~100 characters.
    static func excerpt(_ bytes: UnsafeRawBufferPointer, around position: Int) -> String {
        let start = max(0, min(position, bytes.count) - 60)
        let end = min(bytes.count, start + 100)
        var text = start > 0 ? "…" : ""
        for index in start..<end {
            let byte = bytes[index]
            switch byte {
            case 0x0D: text += "\\r"
            case 0x0A: text += "\\n"
            case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += "\\x" + String(byte, radix: 16)
            }
        }
        return end < bytes.count ? text + "…" : text
    }
}
