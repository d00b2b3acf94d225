import NIOCore

/// A cursor over one command frame with the primitive rules of RFC 3501 §9 (atoms, quoted
/// strings, literals, numbers). The command grammar (`CommandParser`) is built on it.
struct CommandReader {
    private let bytes: [UInt8]
    private(set) var position = 0
    private var literals: [ByteBuffer]
    private var literalIndex = 0

    init(_ frame: CommandFrame) {
        bytes = frame.text
        literals = frame.literals
    }

    var isAtEnd: Bool { position >= bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws {
        guard consume(byte) else {
            throw CommandSyntaxError("expected '\(Character(Unicode.Scalar(byte)))' at column \(position + 1)")
        }
    }

    // SP
    mutating func expectSpace() throws { try expect(UInt8(ascii: " ")) }

    mutating func expectEnd() throws {
        guard isAtEnd else { throw CommandSyntaxError("unexpected text at column \(position + 1)") }
    }

    /// Reads the next run of bytes accepted by `accept`, at least one.
    mutating func readRun(_ what: String, _ accept: (UInt8) -> Bool) throws -> String {
        let start = position
        while let byte = peek, accept(byte) { position += 1 }
        guard position > start else { throw CommandSyntaxError("expected \(what) at column \(start + 1)") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    // atom = 1*ATOM-CHAR
    mutating func readAtom() throws -> String { try readRun("an atom", Self.isAtomCharacter) }

    // tag = 1*<any ASTRING-CHAR except "+">
    mutating func readTag() throws -> String {
        let start = position
        let text = try readRun("a tag", { Self.isAtomCharacter($0) || $0 == UInt8(ascii: "]") })
        // Filtered as bytes, and only when needed: a per-Character filter costs on every command.
        guard bytes[start..<position].contains(UInt8(ascii: "+")) else { return text }
        return String(decoding: bytes[start..<position].filter { $0 != UInt8(ascii: "+") }, as: UTF8.self)
    }

    // number = 1*DIGIT
    mutating func readNumber() throws -> UInt32 {
        let digits = try readRun("a number", { $0.asciiDigit != nil })
        guard let value = UInt32(digits) else { throw CommandSyntaxError("number out of range: \(digits)") }
        return value
    }

    // astring = 1*ASTRING-CHAR / string
    mutating func readAString() throws -> String {
        String(decoding: try readAStringBytes(), as: UTF8.self)
    }

    mutating func readAStringBytes() throws -> [UInt8] {
        switch peek {
        case UInt8(ascii: "\""): return try readQuoted()
        case UInt8(ascii: "{"): return Array(try readLiteral().readableBytesView)
        default:
            let text = try readRun("a string", { Self.isAtomCharacter($0) || $0 == UInt8(ascii: "]") })
            return Array(text.utf8)
        }
    }

    // list-mailbox = 1*list-char / string ; list-char adds "%" and "*"
    mutating func readListMailbox() throws -> String {
        if peek == UInt8(ascii: "\"") || peek == UInt8(ascii: "{") { return try readAString() }
        return try readRun(
            "a mailbox pattern",
            {
                Self.isAtomCharacter($0) || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "*")
                    || $0 == UInt8(ascii: "]")
            })
    }

    // quoted = DQUOTE *QUOTED-CHAR DQUOTE
    mutating func readQuoted() throws -> [UInt8] {
        try expect(UInt8(ascii: "\""))
        var result: [UInt8] = []
        while let byte = peek {
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return result
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { break }
                result.append(escaped)
                position += 1
            default: result.append(byte)
            }
        }
        throw CommandSyntaxError("unterminated quoted string")
    }

    // literal = "{" number ["+"] "}" CRLF *CHAR8
    mutating func readLiteral() throws -> ByteBuffer {
        try expect(UInt8(ascii: "{"))
        _ = try readNumber()
        _ = consume(UInt8(ascii: "+"))
        try expect(UInt8(ascii: "}"))
        guard literalIndex < literals.count else { throw CommandSyntaxError("literal announced but not received") }
        defer { literalIndex += 1 }
        return literals[literalIndex]
    }

    /// Reads `( item SP item ... )` calling `readItem` for each; an empty list is allowed.
    mutating func readParenthesizedList(_ readItem: (inout CommandReader) throws -> Void) throws {
        try expect(UInt8(ascii: "("))
        if consume(UInt8(ascii: ")")) { return }
        repeat {
            try readItem(&self)
        } while consume(UInt8(ascii: " "))
        try expect(UInt8(ascii: ")"))
    }

    // flag-list = "(" [flag *(SP flag)] ")" ; flag = "\" atom / atom
    mutating func readFlagList() throws -> [String] {
        var flags: [String] = []
        try readParenthesizedList { reader in flags.append(try reader.readFlag()) }
        return flags
    }

    mutating func readFlag() throws -> String {
        let backslash = consume(UInt8(ascii: "\\"))
        let name = try readAtom()
        return backslash ? "\\" + name : name
    }

    /// ATOM-CHAR: any CHAR except atom-specials `( ) { SP CTL % * " \ ]`.
    static func isAtomCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F...: return false
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "*"),
            UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "]"):
            return false
        default: return true
        }
    }
}
