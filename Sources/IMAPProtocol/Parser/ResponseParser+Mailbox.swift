/// Mailbox and server data (RFC 3501 §7.2-7.3, RFC 9051 §7.2-7.3, RFC 4731 ESEARCH, RFC 5161 ENABLE,
/// RFC 2971 ID, RFC 2342 NAMESPACE, RFC 7162 VANISHED).
extension ResponseParser.Grammar {
    /// Dispatches on an untagged keyword; `nil` when it is not one of these.
    mutating func parseMailboxData(_ keyword: Range<Int>) throws -> UntaggedResponse? {
        if matches(keyword, "CAPABILITY") { return .capability(try readAtomList()) }
        if matches(keyword, "FLAGS") { try expectSpace(); return .flags(try readFlagList()) }
        if matches(keyword, "LIST") { return .list(try parseListEntry()) }
        if matches(keyword, "LSUB") { return .lsub(try parseListEntry()) }
        if matches(keyword, "STATUS") { return try parseStatus() }
        if matches(keyword, "SEARCH") { return try parseSearch() }
        if matches(keyword, "ESEARCH") { return try parseExtendedSearch() }
        if matches(keyword, "ENABLED") { return .enabled(try readAtomList()) }
        if matches(keyword, "VANISHED") { return try parseVanished() }
        if matches(keyword, "NAMESPACE") { _ = skipSpace(); return .namespace(readRestOfLine()) }
        if matches(keyword, "ID") { return try parseID() }
        return nil
    }

    // mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox [SP mbox-list-extended]
    mutating func parseListEntry() throws -> ListEntry {
        try expectSpace()
        let attributes = try readFlagList()
        try expectSpace()
        var delimiter: Character?
        if !readNil() {
            delimiter = try decode(readQuoted()).first
        }
        try expectSpace()
        let mailbox = try readAString("a mailbox name")
        if skipSpace(), !isAtEnd { try skipValue("extended LIST data") }
        return ListEntry(attributes: attributes, delimiter: delimiter, mailbox: mailbox)
    }

    // status-response = "STATUS" SP mailbox SP "(" [status-att-val *(SP status-att-val)] ")"
    mutating func parseStatus() throws -> UntaggedResponse {
        try expectSpace()
        let mailbox = try readAString("a mailbox name")
        try expectSpace()
        try enterParenthesis()
        var attributes: [String: UInt64] = [:]
        while index < end, bytes[index] != 0x29 {
            let name = text(try readAtom("a STATUS item")).uppercased()
            try expectSpace()
            attributes[name] = try readNumber64("a STATUS value")
            if !skipSpace() { break }
        }
        try leaveParenthesis()
        return .status(mailbox: mailbox, attributes: attributes)
    }

    // mailbox-data =/ "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]
    mutating func parseSearch() throws -> UntaggedResponse {
        var numbers: [UInt32] = []
        var modSeq: UInt64?
        while skipSpace() {
            guard let byte = peek() else { break }  // a trailing space
            if byte == 0x28 {
                try enterParenthesis()
                let name = try readAtom("MODSEQ")
                guard matches(name, "MODSEQ") else { index = name.lowerBound; throw failure("MODSEQ") }
                try expectSpace()
                modSeq = try readNumber64("a mod-sequence")
                try leaveParenthesis()
            } else {
                numbers.append(try readNumber("a message number"))
            }
        }
        return .search(numbers, modSeq: modSeq)
    }

    // esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
    // search-correlator = SP "(" "TAG" SP tag-string ")" ; search-return-data = name SP value
    mutating func parseExtendedSearch() throws -> UntaggedResponse {
        var tag: String?
        var uid = false
        var returnData: [String: String] = [:]
        if skipSpace(), peek() == 0x28 {
            try enterParenthesis()
            guard matches(try readAtom("TAG"), "TAG") else { throw failure("TAG") }
            try expectSpace()
            tag = try decode(readString("a tag string"))
            try leaveParenthesis()
            _ = skipSpace()
        }
        while !isAtEnd {
            let name = try readAtom("an ESEARCH item")
            if matches(name, "UID") {
                uid = true
            } else {
                try expectSpace()
                returnData[text(name).uppercased()] = try readRawValue("an ESEARCH value")
            }
            if !skipSpace() { break }
        }
        return .esearch(tag: tag, uid: uid, returnData: returnData)
    }

    // expunged-resp = "VANISHED" [SP "(EARLIER)"] SP known-uids
    mutating func parseVanished() throws -> UntaggedResponse {
        try expectSpace()
        var earlier = false
        if peek() == 0x28 {
            try enterParenthesis()
            guard matches(try readAtom("EARLIER"), "EARLIER") else { throw failure("EARLIER") }
            try leaveParenthesis()
            try expectSpace()
            earlier = true
        }
        return .vanished(earlier: earlier, uids: try readSequenceSet())
    }

    // sequence-set = (seq-number / seq-range) ["," sequence-set] ; seq-range = seq-number ":" seq-number
    mutating func readSequenceSet() throws -> SequenceSet {
        var elements: [SequenceSet.Element] = []
        repeat {
            let first = try readSequenceNumber()
            if peek() == 0x3A {
                index += 1
                let last = try readSequenceNumber()
                switch (first, last) {
                case (let low?, let high?): elements.append(.range(min(low, high), max(low, high)))
                case (let bound?, nil), (nil, let bound?): elements.append(.range(bound, nil))
                case (nil, nil): elements.append(.last)
                }
            } else {
                elements.append(first.map { .single($0) } ?? .last)
            }
        } while peek() == 0x2C
            && {
                index += 1; return true
            }()
        return SequenceSet(elements)
    }

    /// A number, or `nil` for `*`.
    mutating func readSequenceNumber() throws -> UInt32? {
        if peek() == 0x2A {
            index += 1
            return nil
        }
        return try readNumber("a sequence number")
    }

    // id-response = "ID" SP id-params-list ; id-params-list = "(" *(string SP nstring) ")" / nil
    mutating func parseID() throws -> UntaggedResponse {
        try expectSpace()
        if readNil() { return .id(nil) }
        try enterParenthesis()
        var fields: [IDField] = []
        while index < end, bytes[index] != 0x29 {
            let name = try decode(readString("an ID field name"))
            try expectSpace()
            fields.append(IDField(name: name, value: try readNString("an ID field value")))
            if !skipSpace() { break }
        }
        try leaveParenthesis()
        return .id(fields)
    }
}
