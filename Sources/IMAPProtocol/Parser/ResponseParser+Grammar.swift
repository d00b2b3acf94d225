extension ResponseParser {
    /// A cursor over one complete response (framing already done), with the primitives of RFC 3501 §9.
    ///
    /// The grammar rules live in extensions by RFC area (`+Response`, `+Codes`, `+Mailbox`, `+Fetch`).
    struct Grammar {
        /// A grammar failure at a position inside the response; the framer adds the stream offset.
        struct Failure: Error {
            var reason: String
            var position: Int
        }

        let bytes: UnsafeRawBufferPointer
        let bodyLiterals: [BodyLiteral]
        let limits: Limits
        let keepBodies: Bool
        var index = 0
        /// The end of the response text: the final CRLF (or LF) is not part of the grammar's input.
        let end: Int
        var nextBodyLiteral = 0
        var depth = 0

        init(bytes: UnsafeRawBufferPointer, bodyLiterals: [BodyLiteral], limits: Limits, keepBodies: Bool) {
            self.bytes = bytes
            self.bodyLiterals = bodyLiterals
            self.limits = limits
            self.keepBodies = keepBodies
            var end = bytes.count
            if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
            if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
            self.end = end
        }

        var isAtEnd: Bool { index >= end }

        @inline(__always)
        func peek() -> UInt8? { index < end ? bytes[index] : nil }

        func failure(_ expected: String) -> Failure {
            Failure(reason: "expected \(expected), got \(describeNext())", position: index)
        }

        /// What sits at the cursor, for error messages.
        func describeNext() -> String {
            guard index < end else { return "the end of the line" }
            let stop = min(end, index + 20)
            let excerpt = ResponseParserError.excerpt(UnsafeRawBufferPointer(rebasing: bytes[index..<stop]), around: 0)
            return "\"\(excerpt)\(stop < end ? "…" : "")\""
        }

        @inline(__always)
        mutating func expect(_ byte: UInt8, _ what: String) throws {
            guard index < end, bytes[index] == byte else { throw failure(what) }
            index += 1
        }

        mutating func expectSpace() throws { try expect(0x20, "a space") }

        /// Consumes one SP when present.
        @inline(__always)
        mutating func skipSpace() -> Bool {
            guard index < end, bytes[index] == 0x20 else { return false }
            index += 1
            return true
        }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// The rest of the line as text (`text` of RFC 3501, leniently any bytes).
        mutating func readRestOfLine() -> String {
            let start = min(index, end)
            index = max(index, end)
            return text(start..<end)
        }

        // atom = 1*ATOM-CHAR
        mutating func readAtom(_ what: String) throws -> Range<Int> {
            let start = index
            while index < end, Self.isAtomChar(bytes[index]) { index += 1 }
            guard index > start else { throw failure(what) }
            return start..<index
        }

        /// A token ended by SP, `(`, `)` or the end of the line: flags, capabilities, tags, set texts.
        mutating func readToken(_ what: String) throws -> Range<Int> {
            let start = index
            while index < end {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x28 || byte == 0x29 { break }
                index += 1
            }
            guard index > start else { throw failure(what) }
            return start..<index
        }

        // number = 1*DIGIT
        @inline(__always)
        mutating func readNumber64(_ what: String) throws -> UInt64 {
            let start = index
            var value: UInt64 = 0
            while index < end, case let byte = bytes[index], byte &- 0x30 < 10 {
                let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = times.addingReportingOverflow(UInt64(byte &- 0x30))
                guard !overflowA, !overflowB else { throw Failure(reason: "\(what) is too large", position: start) }
                value = sum
                index += 1
            }
            guard index > start else { throw failure(what) }
            return value
        }

        // number32 / nz-number (zero accepted leniently)
        mutating func readNumber(_ what: String) throws -> UInt32 {
            let start = index
            let value = try readNumber64(what)
            guard let small = UInt32(exactly: value) else {
                throw Failure(reason: "\(what) does not fit in 32 bits", position: start)
            }
            return small
        }

        @inline(__always)
        func matches(_ range: Range<Int>, _ keyword: StaticString) -> Bool {
            Self.equalsKeyword(UnsafeRawBufferPointer(rebasing: bytes[range]), keyword)
        }

        /// Case-insensitive comparison with an upper-case ASCII keyword.
        static func equalsKeyword(_ candidate: UnsafeRawBufferPointer, _ keyword: StaticString) -> Bool {
            guard candidate.count == keyword.utf8CodeUnitCount else { return false }
            let expected = keyword.utf8Start
            for offset in 0..<candidate.count {
                var byte = candidate[offset]
                if byte &- 0x61 < 26 { byte -= 0x20 }
                if byte != expected[offset] { return false }
            }
            return true
        }

        // ATOM-CHAR = <any CHAR except atom-specials>; atom-specials = "(" / ")" / "{" / SP / CTL / "%" / "*" / DQUOTE / "\"
        // resp-specials = "]". 8-bit bytes are accepted leniently (RFC 9051 servers send UTF-8).
        @inline(__always)
        static func isAtomChar(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x00...0x20, 0x7F, 0x28, 0x29, 0x7B, 0x25, 0x2A, 0x22, 0x5C, 0x5D: return false
            default: return true
            }
        }

        // ASTRING-CHAR = ATOM-CHAR / resp-specials
        @inline(__always)
        static func isAStringChar(_ byte: UInt8) -> Bool { byte == 0x5D || isAtomChar(byte) }

        /// Enters one parenthesis level, enforcing `maxNestingDepth`.
        mutating func enterParenthesis() throws {
            try expect(0x28, "\"(\"")
            depth += 1
            guard depth <= limits.maxNestingDepth else {
                throw Failure(
                    reason: "expected at most \(limits.maxNestingDepth) nested parentheses, got more",
                    position: index - 1)
            }
        }

        mutating func leaveParenthesis() throws {
            try expect(0x29, "\")\"")
            depth -= 1
        }
    }
}
