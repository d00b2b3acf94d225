/// The top of the grammar: continuation requests, tagged completions, untagged data (RFC 3501 §7, RFC 9051 §7).
extension ResponseParser.Grammar {
    // response = continue-req / response-data / response-tagged   (greeting = "*" SP (resp-cond-auth / resp-cond-bye))
    mutating func parseResponse() throws -> Response {
        guard let first = peek() else { throw failure("a response") }
        if first == 0x2B { return .continuation(parseContinuation()) }
        if first == 0x2A, index + 1 < end, bytes[index + 1] == 0x20 {
            index += 2
            return .untagged(try parseUntagged())
        }
        return .tagged(try parseTagged())
    }

    // continue-req = "+" SP (resp-text / base64) CRLF   (the SP is optional here: some servers send "+" alone)
    mutating func parseContinuation() -> String {
        index += 1
        _ = skipSpace()
        return readRestOfLine()
    }

    // response-tagged = tag SP resp-cond-state CRLF ; tag = 1*<any ASTRING-CHAR except "+">
    // The tag is kept exactly as sent, garbage included, so the client can report what it was.
    mutating func parseTagged() throws -> TaggedResponse {
        let tag = text(try readToken("a tag"))
        try expectSpace()
        let word = try readAtom("OK, NO or BAD")
        let status: ResponseStatus
        if matches(word, "OK") {
            status = .ok
        } else if matches(word, "NO") {
            status = .no
        } else if matches(word, "BAD") {
            status = .bad
        } else {
            index = word.lowerBound
            throw failure("OK, NO or BAD after the tag")
        }
        return TaggedResponse(tag: tag, state: try parseResponseText(status))
    }

    // response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data / message-data / capability-data / enable-data) CRLF
    mutating func parseUntagged() throws -> UntaggedResponse {
        if let byte = peek(), byte &- 0x30 < 10 { return try parseMessageData() }
        let keywordRange = try readAtom("an untagged keyword")
        if let status = conditionStatus(keywordRange) { return .condition(try parseResponseText(status)) }
        if let parsed = try parseMailboxData(keywordRange) { return parsed }
        return .unknown(number: nil, keyword: text(keywordRange), text: readUnknownText())
    }

    func conditionStatus(_ keyword: Range<Int>) -> ResponseStatus? {
        switch keyword.count {
        case 2: return matches(keyword, "OK") ? .ok : matches(keyword, "NO") ? .no : nil
        case 3: return matches(keyword, "BAD") ? .bad : matches(keyword, "BYE") ? .bye : nil
        case 7: return matches(keyword, "PREAUTH") ? .preauth : nil
        default: return nil
        }
    }

    // message-data = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att)) ; mailbox-data =/ number SP ("EXISTS" / "RECENT")
    mutating func parseMessageData() throws -> UntaggedResponse {
        let number = try readNumber("a message number")
        try expectSpace()
        let keyword = try readAtom("FETCH, EXISTS, RECENT or EXPUNGE")
        if matches(keyword, "FETCH") {
            try expectSpace()
            return .fetch(sequenceNumber: number, attributes: try parseFetchAttributes())
        }
        if matches(keyword, "EXISTS") { return .exists(number) }
        if matches(keyword, "EXPUNGE") { return .expunge(number) }
        if matches(keyword, "RECENT") { return .recent(number) }
        return .unknown(number: number, keyword: text(keyword), text: readUnknownText())
    }

    /// The text after an unknown keyword, without its leading SP.
    mutating func readUnknownText() -> String {
        _ = skipSpace()
        return readRestOfLine()
    }

    // resp-text = ["[" resp-text-code "]" SP] text
    // Lenient: the SP before an empty text (and the text itself) may be missing: "a1 OK", "a1 OK [READ-WRITE]".
    mutating func parseResponseText(_ status: ResponseStatus) throws -> ResponseState {
        guard skipSpace() else {
            guard isAtEnd else { throw failure("a space or the end of the line after \(status.rawValue)") }
            return ResponseState(status: status)
        }
        var code: ResponseCode?
        if peek() == 0x5B {
            index += 1
            code = try parseResponseCode()
            try expect(0x5D, "\"]\" closing the response code")
            _ = skipSpace()
        }
        return ResponseState(status: status, code: code, text: readRestOfLine())
    }
}
