/// The flags of one message: system flags as bits, keywords as names (RFC 3501 §2.3.2).
///
/// \Recent is not stored here: it belongs to the session that first saw the message.
struct MessageFlags: Hashable, Sendable {
    static let systemNames = ["\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"]

    var system: UInt8 = 0
    var keywords: [String] = []

    init(system: UInt8 = 0) {
        self.system = system
    }

    init(names: [String]) {
        for name in names { insert(name) }
    }

    // Constants (no lazy initialization on the per-command path), in the order of `systemNames`.
    static let answered: UInt8 = 1 << 0
    static let flagged: UInt8 = 1 << 1
    static let deleted: UInt8 = 1 << 2
    static let seen: UInt8 = 1 << 3
    static let draft: UInt8 = 1 << 4

    /// The bit of a system flag name, 0 for a keyword. Flag names are atoms (ASCII), so an ASCII
    /// case fold is exact, and it avoids Foundation's Unicode comparison on a per-message path.
    static func bit(_ name: String) -> UInt8 {
        guard name.utf8.first == UInt8(ascii: "\\") else { return 0 }
        for (index, systemName) in systemNames.enumerated() where systemName.equalsIgnoringASCIICase(name) {
            return 1 << UInt8(index)
        }
        return 0
    }

    func contains(_ name: String) -> Bool {
        let bit = Self.bit(name)
        if bit != 0 { return system & bit != 0 }
        return keywords.contains { $0.equalsIgnoringASCIICase(name) }
    }

    mutating func insert(_ name: String) {
        let bit = Self.bit(name)
        if bit != 0 {
            system |= bit
        } else if !name.hasPrefix("\\"), !contains(name) {
            keywords.append(name)
        }
    }

    mutating func remove(_ name: String) {
        let bit = Self.bit(name)
        if bit != 0 {
            system &= ~bit
        } else {
            keywords.removeAll { $0.equalsIgnoringASCIICase(name) }
        }
    }

    /// `\Seen \Flagged $Label1` plus `\Recent` when asked, without parentheses.
    func text(recent: Bool) -> String {
        var text = ""
        for (index, name) in Self.systemNames.enumerated() where system & (1 << UInt8(index)) != 0 {
            if !text.isEmpty { text += " " }
            text += name
        }
        if recent { text += text.isEmpty ? "\\Recent" : " \\Recent" }
        for keyword in keywords {
            if !text.isEmpty { text += " " }
            text += keyword
        }
        return text
    }
}

extension String {
    /// Equal under ASCII case folding (the case rule of IMAP atoms such as flag names).
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        for (left, right) in zip(utf8, other.utf8) where left != right {
            guard left | 0x20 == right | 0x20, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(left | 0x20) else {
                return false
            }
        }
        return true
    }
}
