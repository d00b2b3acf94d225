import Foundation

/// Reads the header fields and MIME tree of a message once, when it is created or appended, so
/// that FETCH and SEARCH never parse bodies again.
enum MessageAnalyzer {
    static let maximumDepth = 8

    static func analyze(_ bytes: [UInt8]) -> MimePart {
        analyzePart(bytes, range: 0..<bytes.count, depth: 0, defaultType: ("text", "plain"))
    }

    /// The header fields of the block in `range`.
    static func headerFields(_ bytes: [UInt8], range: Range<Int>) -> [HeaderField] {
        var fields: [HeaderField] = []
        for line in unfoldedLines(bytes, range: range) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields.append(HeaderField(name: name, value: value))
        }
        return fields
    }

    /// Header lines with continuation lines joined, as text.
    static func unfoldedLines(_ bytes: [UInt8], range: Range<Int>) -> [String] {
        var lines: [String] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "\n") {
                var end = index
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                if let first = text.first, first == " " || first == "\t", !lines.isEmpty {
                    lines[lines.count - 1] += " " + text.trimmingCharacters(in: .whitespaces)
                } else if !text.isEmpty {
                    lines.append(text)
                }
                start = index + 1
            }
            index += 1
        }
        return lines
    }

    private static func analyzePart(
        _ bytes: [UInt8], range: Range<Int>, depth: Int, defaultType: (String, String)
    ) -> MimePart {
        let headerEnd = endOfHeader(bytes, range: range)
        let fields = headerFields(bytes, range: range.lowerBound..<headerEnd)
        let contentType = fields.last { $0.name == "content-type" }.map { parseParameterized($0.value) }
        let typeParts = contentType?.value.split(separator: "/").map { $0.lowercased() } ?? []
        let (type, subtype) = typeParts.count == 2 ? (typeParts[0], typeParts[1]) : defaultType
        let disposition = fields.last { $0.name == "content-disposition" }.map { parseParameterized($0.value) }
        var part = MimePart(
            headerRange: range.lowerBound..<headerEnd, bodyRange: headerEnd..<range.upperBound,
            type: type, subtype: subtype, parameters: contentType?.parameters ?? [],
            encoding: fields.last { $0.name == "content-transfer-encoding" }?.value.lowercased() ?? "7bit",
            contentID: fields.last { $0.name == "content-id" }?.value,
            contentDescription: fields.last { $0.name == "content-description" }?.value,
            disposition: disposition.map { ($0.value.lowercased(), $0.parameters) },
            lineCount: 0, children: [])
        if type == "multipart", depth < maximumDepth,
            let boundary = part.parameters.first(where: { $0.name == "boundary" })?.value, !boundary.isEmpty
        {
            let childDefault = subtype == "digest" ? ("message", "rfc822") : ("text", "plain")
            part.children = splitMultipart(bytes, range: part.bodyRange, boundary: boundary).map {
                analyzePart(bytes, range: $0, depth: depth + 1, defaultType: childDefault)
            }
        }
        if type == "text" { part.lineCount = countLines(bytes, range: part.bodyRange) }
        return part
    }

    /// The index just after the blank line ending the header (or the end when there is none).
    private static func endOfHeader(_ bytes: [UInt8], range: Range<Int>) -> Int {
        if range.isEmpty { return range.lowerBound }
        if bytes[range.lowerBound] == UInt8(ascii: "\n") { return range.lowerBound + 1 }
        if range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\r"),
            bytes[range.lowerBound + 1] == UInt8(ascii: "\n")
        {
            return range.lowerBound + 2
        }
        if let found = find(Array("\r\n\r\n".utf8), in: bytes, range: range) { return found + 4 }
        if let found = find(Array("\n\n".utf8), in: bytes, range: range) { return found + 2 }
        return range.upperBound
    }

    /// The byte ranges of the body parts between `--boundary` delimiter lines.
    private static func splitMultipart(_ bytes: [UInt8], range: Range<Int>, boundary: String) -> [Range<Int>] {
        let delimiter = Array("\n--\(boundary)".utf8)
        var parts: [Range<Int>] = []
        // The first delimiter may open the body without a preceding line break.
        var searchFrom = range.lowerBound
        var partStart: Int?
        let opening = Array("--\(boundary)".utf8)
        if range.count >= opening.count, Array(bytes[range.lowerBound..<(range.lowerBound + opening.count)]) == opening
        {
            partStart = lineEnd(bytes, from: range.lowerBound + opening.count, limit: range.upperBound)
            searchFrom = partStart ?? range.upperBound
        }
        while let found = find(delimiter, in: bytes, range: searchFrom..<range.upperBound) {
            var partEnd = found
            if partEnd > range.lowerBound, bytes[partEnd - 1] == UInt8(ascii: "\r") { partEnd -= 1 }
            if let start = partStart, start <= partEnd { parts.append(start..<partEnd) }
            let afterDelimiter = found + delimiter.count
            let isClose =
                afterDelimiter + 1 < range.upperBound && bytes[afterDelimiter] == UInt8(ascii: "-")
                && bytes[afterDelimiter + 1] == UInt8(ascii: "-")
            if isClose { return parts }
            partStart = lineEnd(bytes, from: afterDelimiter, limit: range.upperBound)
            searchFrom = partStart ?? range.upperBound
        }
        if let start = partStart, start < range.upperBound { parts.append(start..<range.upperBound) }
        return parts
    }

    private static func lineEnd(_ bytes: [UInt8], from: Int, limit: Int) -> Int {
        var index = from
        while index < limit, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return min(index + 1, limit)
    }

    /// `value; name=value; name="value"` split into the value and its parameters.
    static func parseParameterized(_ text: String) -> (value: String, parameters: [(name: String, value: String)]) {
        let pieces = text.split(separator: ";")
        let value = pieces.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        var parameters: [(String, String)] = []
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") { raw = String(raw.dropFirst().dropLast()) }
            parameters.append((name, raw))
        }
        return (value, parameters)
    }

    /// Text lines of a body: line feeds, plus a last line without one (the CRLF before a
    /// boundary belongs to the boundary, RFC 2046 §5.1.1).
    static func countLines(_ bytes: [UInt8], range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        let unterminated = bytes[range.upperBound - 1] == UInt8(ascii: "\n") ? 0 : 1
        return unterminated
            + bytes.withUnsafeBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                var count = 0
                var pointer = UnsafeRawPointer(base + range.lowerBound)
                var remaining = range.count
                while remaining > 0, let found = memchr(pointer, Int32(UInt8(ascii: "\n")), remaining) {
                    count += 1
                    let consumed = UnsafeRawPointer(found) - pointer + 1
                    pointer = UnsafeRawPointer(found) + 1
                    remaining -= consumed
                }
                return count
            }
    }

    /// The first index of `needle` inside `range` of `bytes`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Int? {
        guard !needle.isEmpty, range.count >= needle.count else { return nil }
        // memchr for the first byte, then memcmp: memmem is not portable to every libc.
        return bytes.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                var position = range.lowerBound
                let last = range.upperBound - pattern.count
                while position <= last {
                    guard let found = memchr(base + position, Int32(pattern[0]), last - position + 1) else {
                        return nil
                    }
                    let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                    if memcmp(base + offset, patternBase, pattern.count) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
        }
    }
}
