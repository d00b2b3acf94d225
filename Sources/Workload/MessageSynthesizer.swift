import IMAPProtocol

/// Makes synthetic RFC 5322 messages for APPEND and `imapbench populate`: realistic sizes
/// (log-normal, see `SizeDistribution`), plain, multipart/alternative and multipart/mixed with
/// base64 attachments, unique Message-IDs, varied dates, senders and subjects, CRLF endings.
///
/// Deterministic for a seed; fast because bodies are slices of shared pre-generated blocks.
public struct MessageSynthesizer: Sendable {
    public var sizes: SizeDistribution
    /// The domain of synthetic senders and Message-IDs.
    public var domain: String
    private let seed: UInt64
    private var rng: SeededRandom
    private var counter: UInt64 = 0

    /// The body structures produced, in proportion plain 60%, alternative 25%, mixed 15%
    /// (messages above 64 KB are always mixed: big mail is big because of attachments).
    public enum Structure: String, Sendable, CaseIterable {
        case plain, alternative, mixed
    }

    public init(seed: UInt64, sizes: SizeDistribution = SizeDistribution(), domain: String = "example.com") {
        self.seed = seed
        self.sizes = sizes
        self.domain = domain
        self.rng = SeededRandom(seed: seed)
    }

    /// The next message, its size drawn from `sizes` with the synthesizer's own generator.
    public mutating func nextMessage() -> [UInt8] {
        var generator = rng
        defer { rng = generator }
        return message(size: sizes.sample(using: &generator), using: &generator)
    }

    /// A message of about `size` bytes (never less than its headers need).
    public mutating func message(size: Int, using generator: inout SeededRandom) -> [UInt8] {
        counter &+= 1
        let structure = chooseStructure(size: size, using: &generator)
        let boundary = "=_imapbench_\(String(generator.next(), radix: 36))"
        var output = headers(structure: structure, boundary: boundary, using: &generator)
        output.reserveCapacity(size + 512)
        let bodyBudget = max(size - output.count, 64)
        switch structure {
        case .plain:
            SyntheticBlocks.slice(
                SyntheticBlocks.text, count: bodyBudget, offset: generator.nextIndex(below: 65_536), into: &output)
        case .alternative:
            appendAlternative(into: &output, boundary: boundary, budget: bodyBudget, using: &generator)
        case .mixed:
            appendMixed(into: &output, boundary: boundary, budget: bodyBudget, using: &generator)
        }
        return output
    }

    private func chooseStructure(size: Int, using generator: inout SeededRandom) -> Structure {
        if size > 64 * 1024 { return .mixed }
        let draw = generator.nextUnit()
        return draw < 0.6 ? .plain : (draw < 0.85 ? .alternative : .mixed)
    }

    private static let firstNames = [
        "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy",
        "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter",
    ]
    private static let lastNames = [
        "Smith", "Jones", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Anderson", "Thomas",
        "Moore", "Martin", "Lee", "Walker", "Hall", "Young", "King", "Wright", "Scott",
    ]

    private mutating func headers(
        structure: Structure, boundary: String, using generator: inout SeededRandom
    ) -> [UInt8] {
        let first = Self.firstNames[generator.nextIndex(below: Self.firstNames.count)]
        let last = Self.lastNames[generator.nextIndex(below: Self.lastNames.count)]
        let words = SyntheticBlocks.vocabulary
        let subjectWords = (0..<(2 + generator.nextIndex(below: 6))).map { _ in
            words[generator.nextIndex(below: words.count)]
        }
        // Dates spread over roughly two years before 2026-01-01, at any second of the day.
        let timestamp = 1_704_067_200 + Int64(generator.nextIndex(below: 2 * 365 * 86_400))
        let messageID = "<\(String(seed, radix: 36)).\(counter).\(String(generator.next() >> 16, radix: 36))@\(domain)>"
        var text = "Return-Path: <\(first.lowercased())@\(domain)>\r\n"
        text += "From: \(first) \(last) <\(first.lowercased()).\(last.lowercased())@\(domain)>\r\n"
        text += "To: Benchmark User <user@\(domain)>\r\n"
        text += "Subject: \(subjectWords.joined(separator: " ").capitalizedFirst)\r\n"
        text += "Date: \(RFC5322Date.format(unixSeconds: timestamp))\r\n"
        text += "Message-ID: \(messageID)\r\n"
        text += "MIME-Version: 1.0\r\n"
        switch structure {
        case .plain: text += "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n"
        case .alternative: text += "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n"
        case .mixed: text += "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    private func appendAlternative(
        into output: inout [UInt8], boundary: String, budget: Int, using generator: inout SeededRandom
    ) {
        let half = max(budget / 2 - 120, 32)
        output += Array("--\(boundary)\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n".utf8)
        SyntheticBlocks.slice(
            SyntheticBlocks.text, count: half, offset: generator.nextIndex(below: 65_536), into: &output)
        output += Array("--\(boundary)\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<html><body><p>\r\n".utf8)
        SyntheticBlocks.slice(
            SyntheticBlocks.text, count: half - 40, offset: generator.nextIndex(below: 65_536), into: &output)
        output += Array("</p></body></html>\r\n--\(boundary)--\r\n".utf8)
    }

    private func appendMixed(
        into output: inout [UInt8], boundary: String, budget: Int, using generator: inout SeededRandom
    ) {
        let textPart = min(max(budget / 10, 200), 8_192)
        output += Array("--\(boundary)\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n".utf8)
        SyntheticBlocks.slice(
            SyntheticBlocks.text, count: textPart, offset: generator.nextIndex(below: 65_536), into: &output)
        let names = ["report.pdf", "photo.jpg", "slides.pptx", "data.xlsx", "archive.zip"]
        let types = [
            "application/pdf", "image/jpeg", "application/vnd.ms-powerpoint", "application/vnd.ms-excel",
            "application/zip",
        ]
        let kind = generator.nextIndex(below: names.count)
        output += Array(
            """
            --\(boundary)\r\nContent-Type: \(types[kind]); name="\(names[kind])"\r\n\
            Content-Disposition: attachment; filename="\(names[kind])"\r\nContent-Transfer-Encoding: base64\r\n\r\n
            """.utf8)
        let attachment = max(budget - textPart - 300, 78)
        let lines = attachment / 78
        SyntheticBlocks.slice(
            SyntheticBlocks.base64, count: max(lines, 1) * 78,
            offset: generator.nextIndex(below: SyntheticBlocks.base64.count), into: &output)
        output += Array("--\(boundary)--\r\n".utf8)
    }
}

/// Formats dates as RFC 5322 wants (`Tue, 04 Mar 2025 14:05:09 +0000`) without Foundation's
/// formatter, which is slow and locale-dependent.
enum RFC5322Date {
    static func format(unixSeconds: Int64) -> String {
        let dayNumber = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400
        let secondOfDay = Int(unixSeconds - dayNumber * 86_400)
        let (year, month, day) = CivilDate.civil(fromDays: dayNumber)
        let weekday = CivilDate.weekdayNamesFromEpoch[Int(((dayNumber % 7) + 7) % 7)]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day)) \(CivilDate.monthNames[month - 1]) \(year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) +0000"
    }
}
