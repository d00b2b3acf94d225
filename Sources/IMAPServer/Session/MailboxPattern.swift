/// LIST pattern matching (RFC 3501 §6.3.8): `*` matches anything, `%` anything but the
/// hierarchy delimiter `/`.
enum MailboxPattern {
    static let specialUse = ["Sent": "\\Sent", "Drafts": "\\Drafts", "Archive": "\\Archive", "Trash": "\\Trash"]

    static func matches(_ name: String, pattern: String) -> Bool {
        matches(Array(name.utf8)[...], Array(pattern.utf8)[...])
    }

    private static func matches(_ name: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        let rest = pattern.dropFirst()
        if first == UInt8(ascii: "*") || first == UInt8(ascii: "%") {
            var candidate = name
            while true {
                if matches(candidate, rest) { return true }
                guard let next = candidate.first, first == UInt8(ascii: "*") || next != UInt8(ascii: "/") else {
                    return false
                }
                candidate = candidate.dropFirst()
            }
        }
        guard let head = name.first, caseFoldedEqual(head, first, name: name) else { return false }
        return matches(name.dropFirst(), rest)
    }

    /// INBOX matches case-insensitively; other names exactly.
    private static func caseFoldedEqual(_ a: UInt8, _ b: UInt8, name: ArraySlice<UInt8>) -> Bool {
        a == b
            || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z")
                && name.count <= 5)
    }
}
