import Foundation

/// Renders ENVELOPE (RFC 3501 §7.4.2) from a message's header fields.
///
///     S: * 1 FETCH (ENVELOPE ("Mon, 7 Feb 1994 21:52:25 -0800" "Subject" (("Name" NIL "user" "example.com")) ...))
enum EnvelopeRenderer {
    static func render(_ fields: [HeaderField]) -> String {
        func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
        let from = addressList(value("from"))
        let sender = value("sender").map(addressList) ?? from
        let replyTo = value("reply-to").map(addressList) ?? from
        let parts = [
            IMAPString.nstring(value("date")), IMAPString.nstring(value("subject")),
            from, sender, replyTo,
            addressList(value("to")), addressList(value("cc")), addressList(value("bcc")),
            IMAPString.nstring(value("in-reply-to")), IMAPString.nstring(value("message-id")),
        ]
        return "(" + parts.joined(separator: " ") + ")"
    }

    // address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
    static func addressList(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "NIL" }
        let addresses = splitAddresses(text).compactMap(address)
        return addresses.isEmpty ? "NIL" : "(" + addresses.joined() + ")"
    }

    /// Splits at commas outside quotes and angle brackets.
    private static func splitAddresses(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inQuotes = false
        var inAngle = false
        for character in text {
            switch character {
            case "\"": inQuotes.toggle()
            case "<" where !inQuotes: inAngle = true
            case ">" where !inQuotes: inAngle = false
            case "," where !inQuotes && !inAngle:
                result.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        result.append(current)
        return result.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `"Name" <local@host>` or `local@host` as an address structure.
    private static func address(_ text: String) -> String? {
        var name: String?
        var spec = text
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            spec = String(text[text.index(after: open)..<close])
            let display = text[..<open].trimmingCharacters(in: .whitespaces)
            let unquoted =
                display.hasPrefix("\"") && display.hasSuffix("\"") && display.count >= 2
                ? String(display.dropFirst().dropLast()) : display
            name = unquoted.isEmpty ? nil : unquoted
        }
        let pieces = spec.split(separator: "@", maxSplits: 1).map(String.init)
        guard let local = pieces.first, !local.isEmpty else { return nil }
        let host = pieces.count > 1 ? pieces[1] : nil
        return "(\(IMAPString.nstring(name)) NIL \(IMAPString.string(local)) \(IMAPString.nstring(host)))"
    }
}
