import Foundation

/// A fixed library of realistic synthetic messages, generated once from the seed and shared by
/// every mailbox of every user, so a server with 100 users x 50 messages starts in milliseconds.
///
/// Size classes follow a long tail: most messages are a few KB of plain text, some are
/// multipart/alternative, a fifth carry attachments, and a few reach megabytes.
final class SyntheticMessageLibrary: Sendable {
    static let defaultCount = 96

    let contents: [MessageContent]

    init(seed: UInt64, count: Int = SyntheticMessageLibrary.defaultCount) {
        var random = DeterministicRandom(seed: seed)
        let text = SyntheticText(random: &random)
        contents = (0..<count).map { index in
            var builder = SyntheticMessageBuilder(index: index, text: text, random: &random)
            return MessageContent(bytes: builder.build())
        }
    }

    /// The content used for message `number` of `mailbox` of `user`.
    func content(user: Int, mailbox: Int, number: Int, seed: UInt64) -> MessageContent {
        let hash = DeterministicRandom.hash(seed, UInt64(user), UInt64(mailbox), UInt64(number))
        return contents[Int(hash % UInt64(contents.count))]
    }
}

/// Pools of words, paragraphs and base64 lines that message bodies are cut from.
struct SyntheticText: Sendable {
    static let words = [
        "meeting", "report", "quarterly", "budget", "project", "deadline", "review", "update", "team", "plan",
        "customer", "release", "server", "latency", "benchmark", "invoice", "schedule", "draft", "notes", "agenda",
        "the", "and", "for", "with", "please", "thanks", "regards", "attached", "below", "today", "tomorrow", "week",
    ]
    static let names = ["Alice Martin", "Bob Chen", "Carol Diaz", "Dave Smith", "Erin Novak", "Frank Ito", "Grace Obi"]

    /// About 16 KB of text lines, 72 columns, CRLF-terminated.
    let paragraphs: [UInt8]
    /// About 8 KB of base64 lines, 76 columns, CRLF-terminated.
    let base64Lines: [UInt8]

    init(random: inout DeterministicRandom) {
        var text: [UInt8] = []
        var line = ""
        while text.count < 16 * 1024 {
            let word = Self.words[Int(random.next() % UInt64(Self.words.count))]
            if line.count + word.count + 1 > 72 {
                text.append(contentsOf: Array(line.utf8) + [13, 10])
                line = ""
            }
            line += line.isEmpty ? word.capitalized : " " + word
        }
        paragraphs = text
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var lines: [UInt8] = []
        while lines.count < 8 * 1024 {
            for _ in 0..<76 { lines.append(alphabet[Int(random.next() % 64)]) }
            lines.append(contentsOf: [13, 10])
        }
        base64Lines = lines
    }

    /// `count` bytes of text cut from the pool, ending with CRLF.
    func text(count: Int, offset: Int) -> [UInt8] { repeated(paragraphs, count: count, offset: offset) }

    func base64(count: Int) -> [UInt8] { repeated(base64Lines, count: count, offset: 0) }

    private func repeated(_ pool: [UInt8], count: Int, offset: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count + 80)
        var start = offset % pool.count
        // Start at a line boundary so lines stay whole.
        while start > 0, pool[start - 1] != 10 { start -= 1 }
        while result.count < count {
            let end = min(pool.count, start + (count - result.count))
            result.append(contentsOf: pool[start..<end])
            start = 0
        }
        while result.last != 10 { result.append(contentsOf: [13, 10]) }
        return result
    }
}
