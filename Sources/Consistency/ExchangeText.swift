import IMAPProtocol

/// Server responses written back in their wire form, so that a violation's quoted exchange reads
/// like a protocol log (`* 58 FETCH (UID 67 FLAGS (\Seen))`), not like Swift values. Message
/// bodies are never quoted: a literal shows as its byte count.
enum ExchangeText {
    static func untagged(_ response: UntaggedResponse) -> String {
        switch response {
        case .condition(let state): return state.status.rawValue + condition(state)
        case .capability(let names): return "CAPABILITY " + names.joined(separator: " ")
        case .enabled(let names): return "ENABLED " + names.joined(separator: " ")
        case .flags(let flags): return "FLAGS " + list(flags)
        case .list(let entry): return "LIST " + listEntry(entry)
        case .lsub(let entry): return "LSUB " + listEntry(entry)
        case .status(let mailbox, let attributes):
            let items = attributes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            return "STATUS \(quoted(mailbox)) " + list(items)
        case .search(let numbers, let modSeq):
            let text = (["SEARCH"] + numbers.map(String.init)).joined(separator: " ")
            return modSeq.map { text + " (MODSEQ \($0))" } ?? text
        case .esearch(let tag, let uid, let data):
            var parts = ["ESEARCH"]
            if let tag { parts.append("(TAG \(quoted(tag)))") }
            if uid { parts.append("UID") }
            parts += data.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            return parts.joined(separator: " ")
        case .exists(let count): return "\(count) EXISTS"
        case .recent(let count): return "\(count) RECENT"
        case .expunge(let number): return "\(number) EXPUNGE"
        case .vanished(let earlier, let uids): return "VANISHED " + (earlier ? "(EARLIER) " : "") + uids.wireText
        case .namespace(let text): return "NAMESPACE " + text
        case .id: return "ID (...)"
        case .fetch(let number, let attributes):
            return "\(number) FETCH (" + attributes.map(attribute).joined(separator: " ") + ")"
        case .unknown(let number, let keyword, let text):
            return [number.map(String.init), keyword, text.isEmpty ? nil : text].compactMap { $0 }.joined(
                separator: " ")
        }
    }

    /// ` [CODE] text` of an OK, NO, BAD or BYE.
    static func condition(_ state: ResponseState) -> String {
        let code = state.code.map { " [\(self.code($0))]" } ?? ""
        return code + (state.text.isEmpty ? "" : " " + state.text)
    }

    static func code(_ code: ResponseCode) -> String {
        switch code {
        case .alert: return "ALERT"
        case .capability(let names): return "CAPABILITY " + names.joined(separator: " ")
        case .parse: return "PARSE"
        case .permanentFlags(let flags): return "PERMANENTFLAGS " + list(flags)
        case .readOnly: return "READ-ONLY"
        case .readWrite: return "READ-WRITE"
        case .tryCreate: return "TRYCREATE"
        case .uidNext(let value): return "UIDNEXT \(value)"
        case .uidValidity(let value): return "UIDVALIDITY \(value)"
        case .unseen(let value): return "UNSEEN \(value)"
        case .appendUID(let validity, let uids): return "APPENDUID \(validity) \(uids)"
        case .copyUID(let validity, let source, let destination): return "COPYUID \(validity) \(source) \(destination)"
        case .highestModSeq(let value): return "HIGHESTMODSEQ \(value)"
        case .closed: return "CLOSED"
        case .other(let name, let text): return text.map { "\(name) \($0)" } ?? name
        }
    }

    private static func attribute(_ attribute: FetchAttribute) -> String {
        switch attribute {
        case .flags(let flags): return "FLAGS " + list(flags)
        case .uid(let value): return "UID \(value)"
        case .internalDate(let text): return "INTERNALDATE \(quoted(text))"
        case .rfc822Size(let size): return "RFC822.SIZE \(size)"
        case .envelope(let text): return "ENVELOPE " + text
        case .bodyStructure(let text, let extensible): return (extensible ? "BODYSTRUCTURE " : "BODY ") + text
        case .modSeq(let value): return "MODSEQ (\(value))"
        case .body(let kind, let section, let origin, let count, _):
            let name = kind == .body || kind == .binary ? "\(kind.rawValue)[\(section)]" : kind.rawValue
            return name + (origin.map { "<\($0)>" } ?? "") + " " + (count.map { "{\($0)}" } ?? "NIL")
        case .other(let name, let value): return "\(name) \(value)"
        }
    }

    private static func listEntry(_ entry: ListEntry) -> String {
        let delimiter = entry.delimiter.map { quoted(String($0)) } ?? "NIL"
        return "\(list(entry.attributes)) \(delimiter) \(quoted(entry.mailbox))"
    }

    private static func list(_ items: [String]) -> String { "(" + items.joined(separator: " ") + ")" }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
