/// A sequence set of sequence numbers or UIDs as the client wrote it (RFC 3501 §9 `sequence-set`).
///
/// `*` is kept as `UInt32.max` and resolved against the largest number when the set is used.
struct MessageSet: Hashable, Sendable {
    static let star = UInt32.max

    var ranges: [ClosedRange<UInt32>]

    /// The ranges with `*` replaced by `largest` and bounds put in order (`5:2` is `2:5`).
    func resolved(largest: UInt32) -> [ClosedRange<UInt32>] {
        ranges.map { range in
            let low = range.lowerBound == Self.star ? largest : range.lowerBound
            let high = range.upperBound == Self.star ? largest : range.upperBound
            return min(low, high)...max(low, high)
        }
    }

    /// True when `value` is in the set.
    func contains(_ value: UInt32, largest: UInt32) -> Bool {
        resolved(largest: largest).contains { $0.contains(value) }
    }
}

extension CommandReader {
    // sequence-set = (seq-number / seq-range) ["," sequence-set] ; seq-number = nz-number / "*"
    mutating func readMessageSet() throws -> MessageSet {
        var ranges: [ClosedRange<UInt32>] = []
        repeat {
            let first = try readSequenceNumber()
            if consume(UInt8(ascii: ":")) {
                let second = try readSequenceNumber()
                ranges.append(min(first, second)...max(first, second))
            } else {
                ranges.append(first...first)
            }
        } while consume(UInt8(ascii: ","))
        return MessageSet(ranges: ranges)
    }

    private mutating func readSequenceNumber() throws -> UInt32 {
        if consume(UInt8(ascii: "*")) { return MessageSet.star }
        let value = try readNumber()
        guard value > 0 else { throw CommandSyntaxError("sequence numbers start at 1") }
        return value
    }

    /// True when the next bytes can start a sequence set (used by SEARCH, where keys and sets mix).
    var isAtMessageSet: Bool {
        guard let byte = peek else { return false }
        return byte == UInt8(ascii: "*") || byte.asciiDigit != nil
    }
}
