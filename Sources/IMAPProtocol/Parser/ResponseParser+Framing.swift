#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Framing: cutting the stream into responses (lines plus the literals they announce), RFC 3501 §4.3.
extension ResponseParser {
    /// Consumes line text up to and including LF, starting at `start`; returns the next index.
    mutating func consumeLine(
        _ bytes: UnsafeRawBufferPointer, from start: Int, _ emit: (Response) throws -> Void
    ) throws -> Int {
        guard let lineFeed = Self.indexOfLineFeed(bytes, from: start) else {
            try appendText(UnsafeRawBufferPointer(rebasing: bytes[start...]), streamIndex: start)
            return bytes.count
        }
        let next = lineFeed + 1
        let segment = UnsafeRawBufferPointer(rebasing: bytes[start..<next])
        if pending.isEmpty && Self.literalAnnouncement(segment) == nil {
            // Fast path: the whole response is in this chunk and has no literal, parse it in place.
            responseStartOffset = consumedByteCount + start
            try checkTextLength(adding: segment)
            let response = try parseComplete(segment, bodyLiterals: [])
            textByteCount = 0
            try emit(response)
            return next
        }
        try appendText(segment, streamIndex: start)
        try finishLine(emit)
        return next
    }

    /// After a line ending: either a literal follows, or the response is complete.
    mutating func finishLine(_ emit: (Response) throws -> Void) throws {
        let segmentStart = segmentStart
        let announced = pending.withUnsafeBytes {
            Self.literalAnnouncement(UnsafeRawBufferPointer(rebasing: $0[segmentStart...]))
        }
        guard let byteCount = announced else {
            let response = try pending.withUnsafeBytes { try parseComplete($0, bodyLiterals: bodyLiterals) }
            resetResponse()
            try emit(response)
            return
        }
        guard byteCount >= 0, byteCount <= limits.maxLiteralSize else {
            throw framingError(
                "a literal of at most \(limits.maxLiteralSize) bytes", came: "a literal announced larger")
        }
        let isBody = pending.withUnsafeBytes { Self.announcesBodyLiteral($0, segmentStart: segmentStart) }
        if isBody {
            guard bodyLiterals.count < limits.maxFetchAttributes else {
                throw framingError("at most \(limits.maxFetchAttributes) body literals in one response", came: "more")
            }
            bodyLiterals.append(BodyLiteral(position: pending.count, byteCount: byteCount, data: keepBodies ? [] : nil))
        } else if inlineLiteralByteCount + byteCount > limits.maxLiteralSize {
            throw framingError(
                "at most \(limits.maxLiteralSize) bytes of string literals in one response",
                came: "more")
        }
        framingState = byteCount == 0 ? .line : .literal(remaining: byteCount, isBody: isBody)
        if byteCount == 0 { self.segmentStart = pending.count }
    }

    /// Consumes up to `remaining` literal bytes; returns the next index.
    mutating func consumeLiteral(
        _ bytes: UnsafeRawBufferPointer, from start: Int, remaining: Int, isBody: Bool
    ) throws -> Int {
        let taken = min(remaining, bytes.count - start)
        let chunk = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + taken)])
        if isBody {
            if let bodySink { bodySink(ArraySlice(chunk)) }
            if keepBodies, !bodyLiterals.isEmpty {
                bodyLiterals[bodyLiterals.count - 1].data?.append(contentsOf: chunk)
            }
        } else {
            pending.append(contentsOf: chunk)
            inlineLiteralByteCount += taken
        }
        let left = remaining - taken
        framingState = left == 0 ? .line : .literal(remaining: left, isBody: isBody)
        if left == 0 { segmentStart = pending.count }
        return start + taken
    }

    mutating func appendText(_ text: UnsafeRawBufferPointer, streamIndex: Int) throws {
        if pending.isEmpty && bodyLiterals.isEmpty { responseStartOffset = consumedByteCount + streamIndex }
        try checkTextLength(adding: text)
        pending.append(contentsOf: text)
    }

    /// Counts text bytes against `maxLineLength` (plus CRLF); the error names the line's start, so it
    /// is the same however the stream was chunked.
    mutating func checkTextLength(adding text: UnsafeRawBufferPointer) throws {
        textByteCount += text.count
        guard textByteCount <= limits.maxLineLength + 2 else {
            let shown = min(60, limits.maxLineLength)
            var start = Array(pending.prefix(shown))
            start.append(contentsOf: text.prefix(shown - start.count))
            let excerpt = start.withUnsafeBytes { ResponseParserError.excerpt($0, around: 0) } + "…"
            throw ResponseParserError(
                reason: "expected a line of at most \(limits.maxLineLength) bytes, got a longer one",
                line: excerpt, offset: responseStartOffset)
        }
    }

    mutating func resetResponse() {
        pending.removeAll(keepingCapacity: pending.capacity <= 65_536)
        bodyLiterals.removeAll()
        segmentStart = 0
        textByteCount = 0
        inlineLiteralByteCount = 0
    }

    /// Runs the grammar over one complete response and turns its failures into stream positions.
    func parseComplete(_ response: UnsafeRawBufferPointer, bodyLiterals: [BodyLiteral]) throws -> Response {
        var grammar = Grammar(bytes: response, bodyLiterals: bodyLiterals, limits: limits, keepBodies: keepBodies)
        do {
            return try grammar.parseResponse()
        } catch let error as Grammar.Failure {
            throw ResponseParserError(
                reason: error.reason, line: ResponseParserError.excerpt(response, around: error.position),
                offset: responseStartOffset + error.position)
        }
    }

    func framingError(_ expected: String, came: String) -> ResponseParserError {
        let excerpt = pending.withUnsafeBytes { ResponseParserError.excerpt($0, around: max(0, $0.count - 60)) }
        return ResponseParserError(
            reason: "expected \(expected), got \(came)", line: excerpt,
            offset: responseStartOffset + pending.count)
    }

    /// The index of the next LF; `memchr` is vectorised, which matters for long lines.
    static func indexOfLineFeed(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - base
    }
}
