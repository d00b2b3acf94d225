/// Pre-generated filler shared by every synthesizer: message bodies are slices of these, so
/// producing megabytes of mail costs a copy, not a random draw per byte.
enum SyntheticBlocks {
    static let vocabulary: [String] = [
        "meeting", "report", "quarterly", "budget", "project", "update", "invoice", "schedule", "review", "draft",
        "team", "customer", "release", "server", "backup", "holiday", "lunch", "agenda", "notes", "contract",
        "the", "and", "for", "with", "about", "please", "attached", "thanks", "regards", "tomorrow", "today",
        "next", "week", "could", "you", "check", "send", "latest", "version", "before", "Friday", "Monday",
        "numbers", "figures", "summary", "question", "answer", "issue", "fixed", "deploy", "office", "call",
    ]

    /// 64 KB of CRLF-terminated lines of words, each at most 76 characters.
    static let text: [UInt8] = {
        var rng = SeededRandom(seed: 0x7E47)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(66_000)
        while bytes.count < 65_536 {
            var line = ""
            let target = 40 + rng.nextIndex(below: 36)
            while line.utf8.count < target {
                let word = vocabulary[rng.nextIndex(below: vocabulary.count)]
                if line.utf8.count + word.utf8.count + 1 > 76 { break }
                line += line.isEmpty ? word.capitalizedFirst : " " + word
            }
            bytes += Array((line + ".").utf8)
            bytes += [13, 10]
        }
        return bytes
    }()

    /// 256 KB of base64 of random bytes, in 76-character CRLF lines, as attachments are sent.
    static let base64: [UInt8] = {
        var rng = SeededRandom(seed: 0xB64)
        var raw = [UInt8]()
        raw.reserveCapacity(196_000)
        while raw.count < 196_000 {
            withUnsafeBytes(of: rng.next()) { raw += $0 }
        }
        return Base64.encodeLines(raw, lineLength: 76)
    }()

    /// Copies `count` bytes from `block` starting at a line boundary near `offset`, wrapping
    /// around, ending with CRLF; the result is between `count` and `count + 2` bytes.
    static func slice(_ block: [UInt8], count: Int, offset: Int, into output: inout [UInt8]) {
        guard count > 0 else { return }
        var start = offset % block.count
        while start > 0 && block[start - 1] != 10 { start = (start + 1) % block.count }
        var remaining = count
        while remaining > 0 {
            let chunk = min(remaining, block.count - start)
            output += block[start..<(start + chunk)]
            remaining -= chunk
            start = 0
        }
        if output.last == 13 { output.removeLast() }
        if output.last != 10 { output += [13, 10] }
    }
}

/// Base64 (RFC 4648) with CRLF line breaks, as MIME wants (RFC 2045 §6.8).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encodeLines(_ input: [UInt8], lineLength: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4 / 3 + input.count / 38 + 4)
        var column = 0
        var index = 0
        while index < input.count {
            let b0 = input[index]
            let b1 = index + 1 < input.count ? input[index + 1] : 0
            let b2 = index + 2 < input.count ? input[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < input.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < input.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
            column += 4
            if column >= lineLength {
                output += [13, 10]
                column = 0
            }
        }
        if column > 0 { output += [13, 10] }
        return output
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
