extension CommandParser {
    // fetch-items = "ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")"
    static func parseFetchItems(_ reader: inout CommandReader) throws -> [FetchRequestItem] {
        if reader.peek == UInt8(ascii: "(") {
            var items: [FetchRequestItem] = []
            try reader.readParenthesizedList { items.append(contentsOf: try parseFetchAttribute(&$0)) }
            return items
        }
        return try parseFetchAttribute(&reader)
    }

    // fetch-att = "ENVELOPE" / "FLAGS" / "INTERNALDATE" / "RFC822" [".HEADER" / ".SIZE" / ".TEXT"] /
    //             "BODY" ["STRUCTURE"] / "UID" / "BODY" section ["<" number "." nz-number ">"] /
    //             "BODY.PEEK" section ["<" number "." nz-number ">"]
    private static func parseFetchAttribute(_ reader: inout CommandReader) throws -> [FetchRequestItem] {
        let name = try reader.readRun(
            "a fetch item",
            {
                CommandReader.isAtomCharacter($0) && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "<")
            }
        ).uppercased()
        switch name {
        case "ALL": return [.flags, .internalDate, .rfc822Size, .envelope]
        case "FAST": return [.flags, .internalDate, .rfc822Size]
        case "FULL": return [.flags, .internalDate, .rfc822Size, .envelope, .bodyStructure(extensible: false)]
        case "FLAGS": return [.flags]
        case "UID": return [.uid]
        case "INTERNALDATE": return [.internalDate]
        case "RFC822.SIZE": return [.rfc822Size]
        case "ENVELOPE": return [.envelope]
        case "BODYSTRUCTURE": return [.bodyStructure(extensible: true)]
        case "RFC822": return [.rfc822]
        case "RFC822.HEADER": return [.rfc822Header]
        case "RFC822.TEXT": return [.rfc822Text]
        case "BODY", "BODY.PEEK":
            guard reader.peek == UInt8(ascii: "[") else {
                if name == "BODY" { return [.bodyStructure(extensible: false)] }
                throw CommandSyntaxError("BODY.PEEK needs a section")
            }
            return [.section(try parseSection(peek: name == "BODY.PEEK", &reader))]
        default: throw CommandSyntaxError("unsupported fetch item \(name)")
        }
    }

    // section = "[" [section-spec] "]" ; section-spec = section-msgtext / (section-part ["." section-text])
    private static func parseSection(peek: Bool, _ reader: inout CommandReader) throws -> BodySectionRequest {
        try reader.expect(UInt8(ascii: "["))
        var part: [Int] = []
        while reader.peek?.asciiDigit != nil {
            part.append(Int(try reader.readNumber()))
            guard reader.consume(UInt8(ascii: ".")) else { break }
        }
        var text: SectionText?
        var label = part.map(String.init).joined(separator: ".")
        if reader.peek != UInt8(ascii: "]") {
            let word = try reader.readRun(
                "a section name",
                {
                    CommandReader.isAtomCharacter($0) && $0 != UInt8(ascii: "[")
                }
            ).uppercased()
            label += (label.isEmpty ? "" : ".") + word
            switch word {
            case "HEADER": text = .header
            case "TEXT": text = .text
            case "MIME" where !part.isEmpty: text = .mime
            case "HEADER.FIELDS", "HEADER.FIELDS.NOT":
                try reader.expectSpace()
                var fields: [String] = []
                try reader.readParenthesizedList { fields.append(try $0.readAString().lowercased()) }
                label += " (" + fields.map { $0.uppercased() }.joined(separator: " ") + ")"
                text = word == "HEADER.FIELDS" ? .headerFields(fields) : .headerFieldsNot(fields)
            default: throw CommandSyntaxError("unsupported section \(word)")
            }
        }
        try reader.expect(UInt8(ascii: "]"))
        var partial: BodySectionRequest.Partial?
        if reader.consume(UInt8(ascii: "<")) {
            let origin = Int(try reader.readNumber())
            try reader.expect(UInt8(ascii: "."))
            let count = Int(try reader.readNumber())
            try reader.expect(UInt8(ascii: ">"))
            partial = .init(origin: origin, count: count)
        }
        return BodySectionRequest(part: part, text: text, peek: peek, partial: partial, label: label)
    }
}
