import Foundation

/// Messages of an mbox file, handed out in turn (wrapping around), for APPEND and populate
/// when real mail is wanted instead of synthetic mail.
///
/// Understands mboxrd/mboxo: a message starts after a `From ` line at the start of a line;
/// `>From ` lines are unquoted by one `>`; line endings become CRLF as IMAP requires.
public struct MboxReader: Sendable {
    private let bytes: [UInt8]
    /// Byte ranges of each message's text (after its `From ` line).
    private let ranges: [Range<Int>]
    private var position = 0

    public init(path: String) throws(ProfileError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProfileError(file: path, line: 0, column: 0, message: "cannot read the mbox file")
        }
        try self.init(bytes: [UInt8](data), source: path)
    }

    public init(bytes: [UInt8], source: String) throws(ProfileError) {
        self.bytes = bytes
        self.ranges = Self.messageRanges(bytes)
        if ranges.isEmpty {
            throw ProfileError(
                file: source, line: 0, column: 0, message: "no messages found (an mbox starts with a 'From ' line)")
        }
    }

    public var count: Int { ranges.count }

    /// The next message, wrapping around to the first after the last.
    public mutating func next() -> [UInt8] {
        defer { position = (position + 1) % ranges.count }
        return message(at: position)
    }

    /// Message `index` (0-based, modulo the count), with CRLF line endings.
    public func message(at index: Int) -> [UInt8] {
        var output: [UInt8] = []
        let range = ranges[index % ranges.count]
        output.reserveCapacity(range.count + range.count / 32)
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound && bytes[lineEnd] != 10 { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
            var contentStart = lineStart
            if Self.isQuotedFrom(bytes, at: lineStart, end: contentEnd) { contentStart += 1 }
            output += bytes[contentStart..<contentEnd]
            output += [13, 10]
            lineStart = lineEnd + 1
        }
        return output
    }

    private static func isFromLine(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 5 <= bytes.count && bytes[index] == 70 && bytes[index + 1] == 114 && bytes[index + 2] == 111
            && bytes[index + 3] == 109 && bytes[index + 4] == 32
    }

    private static func isQuotedFrom(_ bytes: [UInt8], at start: Int, end: Int) -> Bool {
        var index = start
        while index < end && bytes[index] == 62 { index += 1 }
        return index > start && index + 5 <= end && isFromLine(bytes, at: index)
    }

    /// Splits at `From ` lines, dropping the blank line that separates messages.
    private static func messageRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var starts: [(separator: Int, body: Int)] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 10 { lineEnd += 1 }
            if isFromLine(bytes, at: lineStart) { starts.append((lineStart, min(lineEnd + 1, bytes.count))) }
            lineStart = lineEnd + 1
        }
        return starts.enumerated().map { offset, start in
            var end = offset + 1 < starts.count ? starts[offset + 1].separator : bytes.count
            // Drop the separating empty line (LF or CRLF) before the next From line.
            if end - 1 >= start.body && bytes[end - 1] == 10 {
                var before = end - 1
                if before - 1 >= start.body && bytes[before - 1] == 13 { before -= 1 }
                if before - 1 >= start.body && bytes[before - 1] == 10 { end = before }
            }
            return start.body..<max(end, start.body)
        }.filter { !$0.isEmpty }
    }
}
