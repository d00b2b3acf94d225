import NIOCore

/// The immutable bytes of one message with everything FETCH and SEARCH need, computed once.
///
/// Shared by reference between mailboxes and users (synthetic messages reuse a small library
/// of contents), so it never changes after creation.
final class MessageContent: Sendable {
    /// The message, kept once; FETCH writes slices of it without copying.
    let buffer: ByteBuffer
    let root: MimePart
    let headerFields: [HeaderField]
    let envelope: String
    let bodyStructure: String
    let body: String
    /// Day number of the Date: header, for SENTBEFORE/SENTON/SENTSINCE.
    let sentDay: Int64?

    init(bytes: [UInt8]) {
        buffer = ByteBuffer(bytes: bytes)
        root = MessageAnalyzer.analyze(bytes)
        headerFields = MessageAnalyzer.headerFields(bytes, range: root.headerRange)
        envelope = EnvelopeRenderer.render(headerFields)
        bodyStructure = BodyStructureRenderer.render(root, extensible: true)
        body = BodyStructureRenderer.render(root, extensible: false)
        sentDay = headerFields.first { $0.name == "date" }.flatMap { Self.parseHeaderDay($0.value) }
    }

    var size: Int { buffer.readableBytes }

    /// A copy of the bytes in `range` (small ranges: headers, test checks).
    func bytes(in range: Range<Int>) -> [UInt8] {
        buffer.getBytes(at: buffer.readerIndex + range.lowerBound, length: range.count) ?? []
    }

    /// `Tue, 17 Jul 1996 02:44:25 +0000` -> day number; tolerant of a missing weekday.
    private static func parseHeaderDay(_ text: String) -> Int64? {
        let words = text.split(separator: " ").filter { !$0.hasSuffix(",") }
        guard words.count >= 3 else { return nil }
        return IMAPDate.parseDay("\(words[0])-\(words[1])-\(words[2])")
    }

    /// The bytes a body section asks for, before any partial range (`nil` when the part does not exist).
    func sectionRange(_ request: BodySectionRequest) -> Range<Int>? {
        guard let part = root.descendant(request.part[...]) else { return nil }
        switch request.text {
        case nil: return request.part.isEmpty ? 0..<size : part.bodyRange
        case .header: return request.part.isEmpty ? root.headerRange : part.headerRange
        case .text: return request.part.isEmpty ? root.bodyRange : part.bodyRange
        case .mime: return part.headerRange
        case .headerFields, .headerFieldsNot: return nil
        }
    }

    /// HEADER.FIELDS / HEADER.FIELDS.NOT: the selected header lines and the closing blank line.
    func filteredHeader(_ request: BodySectionRequest) -> [UInt8] {
        let part = root.descendant(request.part[...]) ?? root
        var output: [UInt8] = []
        let header = bytes(in: part.headerRange)
        for line in MessageAnalyzer.unfoldedLines(header, range: 0..<header.count) {
            let name = line.prefix { $0 != ":" }.lowercased()
            let keep: Bool
            switch request.text {
            case .headerFields(let names): keep = names.contains(name)
            case .headerFieldsNot(let names): keep = !names.contains(name)
            default: keep = true
            }
            if keep { output.append(contentsOf: Array(line.utf8) + [13, 10]) }
        }
        return output + [13, 10]
    }
}
