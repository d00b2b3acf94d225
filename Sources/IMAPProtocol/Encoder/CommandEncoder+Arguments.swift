/// Commands whose arguments need more than one line of code: AUTHENTICATE, ID, LIST, APPEND, FETCH items.
extension CommandEncoder {
    // authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")] *(CRLF base64)   (RFC 4959 initial response)
    func writeAuthenticatePlain(user: String, password: String, into writer: inout CommandWriter) {
        // RFC 4616: message = [authzid] UTF8NUL authcid UTF8NUL passwd
        let message = [0] + Array(user.utf8) + [0] + Array(password.utf8)
        let encoded = Base64.encode(message)
        writer.append("AUTHENTICATE PLAIN")
        if options.saslIR {
            writer.append(" " + (encoded.isEmpty ? "=" : encoded))
        } else {
            writer.append("\r\n")
            writer.cutForContinuation()
            writer.append(encoded)
        }
    }

    // id = "ID" SP id-params-list ; id-params-list = "(" *(string SP nstring) ")" / nil
    func writeID(_ fields: [IDField]?, into writer: inout CommandWriter) {
        guard let fields else { return writer.append("ID NIL") }
        writer.append("ID (")
        for (position, field) in fields.enumerated() {
            if position > 0 { writer.append(" ") }
            writer.appendString(field.name)
            writer.append(" ")
            if let value = field.value { writer.appendString(value) } else { writer.append("NIL") }
        }
        writer.append(")")
    }

    // list = "LIST" SP mailbox SP list-mailbox ; list-mailbox = 1*list-char / string
    func writeList(_ name: String, reference: String, pattern: String, into writer: inout CommandWriter) {
        writer.appendCommand(name, mailbox: reference)
        writer.append(" ")
        writer.appendAString(pattern, allowWildcards: true)
    }

    // append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal
    func writeAppend(
        mailbox: String, flags: [String], date: String?, message: [UInt8], into writer: inout CommandWriter
    ) {
        writer.appendCommand("APPEND", mailbox: mailbox)
        if !flags.isEmpty { writer.append(" (" + flags.joined(separator: " ") + ")") }
        if let date { writer.append(" \"" + date + "\"") }
        writer.append(" ")
        writer.appendLiteral(message)
    }

    // fetch-att list: "(" fetch-att *(SP fetch-att) ")"; a lone macro (ALL, FAST, FULL) goes without parentheses.
    static func appendFetchItems(_ items: [FetchItem], into writer: inout CommandWriter) {
        if items.count == 1, case .raw(let macro) = items[0] { return writer.append(macro) }
        writer.append("(")
        for (index, item) in items.enumerated() {
            if index > 0 { writer.append(" ") }
            appendFetchItem(item, into: &writer)
        }
        writer.append(")")
    }

    /// One fetch-att, written in place: a section item spelled as a new String cost an
    /// allocation per FETCH.
    static func appendFetchItem(_ item: FetchItem, into writer: inout CommandWriter) {
        switch item {
        case .flags: writer.append("FLAGS")
        case .uid: writer.append("UID")
        case .internalDate: writer.append("INTERNALDATE")
        case .rfc822Size: writer.append("RFC822.SIZE")
        case .envelope: writer.append("ENVELOPE")
        case .body: writer.append("BODY")
        case .bodyStructure: writer.append("BODYSTRUCTURE")
        case .rfc822: writer.append("RFC822")
        case .rfc822Header: writer.append("RFC822.HEADER")
        case .rfc822Text: writer.append("RFC822.TEXT")
        case .modSeq: writer.append("MODSEQ")
        case .bodySection(let section, let peek, let partial):
            writer.append(peek ? "BODY.PEEK[" : "BODY[")
            writer.append(section)
            writer.append("]")
            if let partial {
                writer.append("<")
                writer.appendNumber(UInt64(clamping: partial.lowerBound))
                writer.append(".")
                writer.appendNumber(UInt64(clamping: partial.count))
                writer.append(">")
            }
        case .binary(let section, let peek):
            writer.append(peek ? "BINARY.PEEK[" : "BINARY[")
            writer.append(section)
            writer.append("]")
        case .raw(let text): writer.append(text)
        }
    }
}
