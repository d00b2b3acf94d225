/// Accumulates the bytes of one command and cuts it where a `+` continuation must be awaited.
struct CommandWriter {
    let options: EncodingOptions
    /// The first part, once a continuation has cut it off; until then `current` is the first part.
    var first: [UInt8]?
    var continuations: [[UInt8]] = []
    var current: [UInt8] = []

    init(options: EncodingOptions) {
        self.options = options
    }

    mutating func append(_ text: String) { current.append(contentsOf: text.utf8) }

    // The appenders below write straight into the command's bytes: building each command from
    // concatenated Strings cost several allocations per command on the generator's hottest path.

    /// A number in decimal.
    mutating func appendNumber(_ value: UInt32) { appendNumber(UInt64(value)) }

    mutating func appendNumber(_ value: UInt64) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while true {
            current.append(0x30 &+ UInt8(rest / divisor))
            rest %= divisor
            if divisor == 1 { break }
            divisor /= 10
        }
    }

    /// `sequence-set`, as `SequenceSet.wireText` spells it.
    mutating func appendSequenceSet(_ set: SequenceSet) {
        set.forEachElement { index, element in
            if index > 0 { current.append(0x2C) }  // ","
            switch element {
            case .single(let number):
                appendNumber(number)
            case .range(let first, let last):
                appendNumber(first)
                current.append(0x3A)  // ":"
                if let last { appendNumber(last) } else { current.append(0x2A) }
            case .last:
                current.append(0x2A)  // "*"
            }
        }
    }

    /// Words separated by SP, for flag lists.
    mutating func appendJoined(_ words: [String]) {
        for (index, word) in words.enumerated() {
            if index > 0 { current.append(0x20) }
            append(word)
        }
    }

    /// `name SP mailbox`
    mutating func appendCommand(_ name: String, mailbox: String) {
        append(name)
        append(" ")
        appendAString(mailbox)
    }

    /// Ends the current part: what follows is written only after the server's `+`.
    mutating func cutForContinuation() {
        if first == nil { first = current } else { continuations.append(current) }
        current = []
    }

    /// Puts the first part in `output` (which the writer started from) and returns the later parts.
    mutating func finish(into output: inout [UInt8]) -> [[UInt8]] {
        guard let first else {
            swap(&current, &output)
            return []
        }
        output = first
        continuations.append(current)
        return continuations
    }

    // astring = 1*ASTRING-CHAR / string   (list-mailbox also allows "%" and "*" when `allowWildcards`)
    mutating func appendAString(_ text: String, allowWildcards: Bool = false) {
        let bytes = Array(text.utf8)
        if !bytes.isEmpty,
            bytes.allSatisfy({ Self.isAStringChar($0) || (allowWildcards && ($0 == 0x25 || $0 == 0x2A)) })
        {
            current.append(contentsOf: bytes)
        } else {
            appendString(bytes)
        }
    }

    // string = quoted / literal
    mutating func appendString(_ text: String) { appendString(Array(text.utf8)) }

    mutating func appendString(_ bytes: [UInt8]) {
        guard bytes.count <= 1024, bytes.allSatisfy(Self.isQuotedChar) else { return appendLiteral(bytes) }
        current.append(0x22)
        for byte in bytes {
            if byte == 0x22 || byte == 0x5C { current.append(0x5C) }
            current.append(byte)
        }
        current.append(0x22)
    }

    // literal = "{" number64 ["+"] "}" CRLF *CHAR8   ("+" from LITERAL+, or LITERAL- for at most 4096 bytes; RFC 7888)
    mutating func appendLiteral(_ bytes: [UInt8]) {
        let nonSynchronizing = options.literalPlus || (options.literalMinus && bytes.count <= 4096)
        append("{\(bytes.count)\(nonSynchronizing ? "+" : "")}\r\n")
        if !nonSynchronizing { cutForContinuation() }
        current.append(contentsOf: bytes)
    }

    // ASTRING-CHAR = ATOM-CHAR / resp-specials  (7-bit only: 8-bit text goes as a literal)
    static func isAStringChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, 0x7F...0xFF, 0x28, 0x29, 0x7B, 0x25, 0x2A, 0x22, 0x5C: return false
        default: return true
        }
    }

    // QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials  (TEXT-CHAR excludes CR, LF, NUL; 7-bit)
    static func isQuotedChar(_ byte: UInt8) -> Bool {
        byte != 0 && byte != 0x0A && byte != 0x0D && byte < 0x80
    }
}
