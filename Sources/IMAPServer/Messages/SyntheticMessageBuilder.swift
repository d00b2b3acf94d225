import Foundation

/// Builds the bytes of one synthetic message: headers, then a plain, alternative or mixed body.
struct SyntheticMessageBuilder {
    /// Size classes: (share in percent, smallest body, largest body, shape).
    private enum Shape { case plain, alternative, mixed }
    private static let classes: [(percent: Int, low: Int, high: Int, shape: Shape)] = [
        (40, 300, 2_000, .plain), (30, 2_000, 20_000, .alternative),
        (20, 20_000, 200_000, .mixed), (8, 200_000, 1_000_000, .mixed), (2, 1_000_000, 4_000_000, .mixed),
    ]

    let index: Int
    let text: SyntheticText
    var random: DeterministicRandom

    init(index: Int, text: SyntheticText, random: inout DeterministicRandom) {
        self.index = index
        self.text = text
        self.random = DeterministicRandom(seed: random.next())
    }

    mutating func build() -> [UInt8] {
        // Spread classes evenly over the indexes so even a small library has every class.
        var slot = index * 37 % 100
        var chosen = Self.classes[0]
        for sizeClass in Self.classes {
            if slot < sizeClass.percent {
                chosen = sizeClass
                break
            }
            slot -= sizeClass.percent
        }
        let size = chosen.low + Int(random.next() % UInt64(chosen.high - chosen.low))
        var message = Array(headers(shape: chosen.shape).utf8)
        switch chosen.shape {
        case .plain: message += text.text(count: size, offset: Int(random.next() % 16_000))
        case .alternative: message += alternativeBody(size: size)
        case .mixed: message += mixedBody(size: size)
        }
        return message
    }

    private mutating func headers(shape: Shape) -> String {
        let names = SyntheticText.names
        let from = names[Int(random.next() % UInt64(names.count))]
        let to = names[Int(random.next() % UInt64(names.count))]
        let words = (0..<4).map { _ in SyntheticText.words[Int(random.next() % UInt64(SyntheticText.words.count))] }
        let date = 1_704_067_200 + Int64(random.next() % (365 * 86400))
        let contentType: String
        switch shape {
        case .plain: contentType = "text/plain; charset=us-ascii"
        case .alternative: contentType = "multipart/alternative; boundary=\"alt-\(index)\""
        case .mixed: contentType = "multipart/mixed; boundary=\"mix-\(index)\""
        }
        return [
            "Return-Path: <\(address(from))>",
            "Message-ID: <synthetic.\(index).\(random.next() % 1_000_000)@imapbench.example>",
            "Date: \(IMAPDate.formatHeaderDate(date))",
            "From: \"\(from)\" <\(address(from))>",
            "To: \"\(to)\" <\(address(to))>",
            index % 3 == 0 ? "Cc: \(address(names[index % names.count]))" : nil,
            "Subject: \(words.joined(separator: " ").capitalized) #\(index)",
            "MIME-Version: 1.0",
            "Content-Type: \(contentType)",
        ].compactMap { $0 }.joined(separator: "\r\n") + "\r\n\r\n"
    }

    private func address(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.com"
    }

    private mutating func alternativeBody(size: Int) -> [UInt8] {
        let boundary = "alt-\(index)"
        let plain = text.text(count: size / 2, offset: Int(random.next() % 16_000))
        var html = Array("<html><body><p>\r\n".utf8) + text.text(count: size / 2, offset: Int(random.next() % 16_000))
        html += Array("</p></body></html>\r\n".utf8)
        return part(boundary, "Content-Type: text/plain; charset=us-ascii", plain)
            + part(boundary, "Content-Type: text/html; charset=us-ascii", html) + Array("--\(boundary)--\r\n".utf8)
    }

    private mutating func mixedBody(size: Int) -> [UInt8] {
        let boundary = "mix-\(index)"
        let note = text.text(count: 600 + Int(random.next() % 2_000), offset: Int(random.next() % 16_000))
        let kinds = [("application/pdf", "report.pdf"), ("image/png", "photo.png"), ("application/zip", "archive.zip")]
        let (type, file) = kinds[index % kinds.count]
        let attachmentHeader =
            "Content-Type: \(type); name=\"\(file)\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"\(file)\""
        return part(boundary, "Content-Type: text/plain; charset=us-ascii", note)
            + part(boundary, attachmentHeader, text.base64(count: size)) + Array("--\(boundary)--\r\n".utf8)
    }

    private func part(_ boundary: String, _ header: String, _ body: [UInt8]) -> [UInt8] {
        Array("--\(boundary)\r\n\(header)\r\n\r\n".utf8) + body
    }
}
