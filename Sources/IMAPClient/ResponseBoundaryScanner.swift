#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds where each server response ends in the byte stream, without buffering it.
///
/// The parser delivers whole responses but not their sizes; the connection needs each response's
/// byte count (for `CommandRecord.bytesRead`) and the moment its first byte arrived. Cutting the
/// stream the way the parser does (lines ending in LF, plus the `{n}`, `{n+}`, `~{n}` literals a
/// line announces, RFC 3501 §4.3) gives both. Literal bytes are skipped, never copied or scanned.
struct ResponseBoundaryScanner: Sendable {
    private enum State: Sendable {
        case line
        case literal(remaining: Int)
    }

    /// How many trailing bytes of a line can hold a literal announcement (`{` 19 digits `+}` CR).
    private static let announcementWindow = 24

    private var state = State.line
    /// The last bytes of a line cut by the end of the previous chunk.
    private var tail: [UInt8] = []
    /// Whether the response in progress has received any byte yet.
    private(set) var isInsideResponse = false

    init() {}

    /// Calls `boundary(end)` for each offset in `bytes` just past the end of a complete response.
    mutating func scan(_ bytes: UnsafeRawBufferPointer, _ boundary: (Int) throws -> Void) rethrows {
        var index = 0
        while index < bytes.count {
            isInsideResponse = true
            switch state {
            case .literal(let remaining):
                let taken = min(remaining, bytes.count - index)
                index += taken
                state = remaining == taken ? .line : .literal(remaining: remaining - taken)
            case .line:
                let lineStart = index
                guard let lineFeed = Self.indexOfLineFeed(bytes, from: index) else {
                    keepTail(bytes, from: lineStart)
                    return
                }
                index = lineFeed + 1
                let literal = announcedLiteral(bytes, lineStart: lineStart, lineFeed: lineFeed)
                tail.removeAll(keepingCapacity: true)
                if let literal, literal > 0 {
                    state = .literal(remaining: literal)
                } else if literal == nil {
                    isInsideResponse = false
                    try boundary(index)
                }
            }
        }
    }

    /// Gives back the tail buffer between responses (a connection parked in IDLE).
    mutating func releaseSpareCapacity() {
        if tail.isEmpty { tail = [] }
    }

    private mutating func keepTail(_ bytes: UnsafeRawBufferPointer, from start: Int) {
        tail.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
        if tail.count > Self.announcementWindow {
            tail.removeFirst(tail.count - Self.announcementWindow)
        }
    }

    /// The size of the literal announced at the end of the line ending at `lineFeed`, if any.
    private func announcedLiteral(_ bytes: UnsafeRawBufferPointer, lineStart: Int, lineFeed: Int) -> Int? {
        // Reads the line backwards from the byte before LF, continuing into the saved tail.
        var back = 1
        func byte() -> UInt8? {
            let position = lineFeed - back
            back += 1
            if position >= lineStart { return bytes[position] }
            let tailIndex = tail.count - (lineStart - position)
            return tailIndex >= 0 ? tail[tailIndex] : nil
        }
        var current = byte()
        if current == UInt8(ascii: "\r") { current = byte() }
        guard current == UInt8(ascii: "}") else { return nil }
        current = byte()
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { current = byte() }
        var value = 0
        var multiplier = 1
        var digits = 0
        while let digit = current, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9"), digits < 18 {
            value += Int(digit - UInt8(ascii: "0")) * multiplier
            multiplier *= 10
            digits += 1
            current = byte()
        }
        guard digits > 0, current == UInt8(ascii: "{") else { return nil }
        return value
    }

    /// The next LF: `memchr` is vectorised, and a FETCH of a hundred envelopes is one long line.
    private static func indexOfLineFeed(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
