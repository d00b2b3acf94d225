import Foundation

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

    static let seen = MessageFlags.bit("\\Seen")
    static let deleted = MessageFlags.bit("\\Deleted")
    static let flagged = MessageFlags.bit("\\Flagged")
    static let answered = MessageFlags.bit("\\Answered")

    static func bit(_ name: String) -> UInt8 {
        guard let index = systemNames.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else { return 0 }
        return 1 << UInt8(index)
    }

    func contains(_ name: String) -> Bool {
        let bit = Self.bit(name)
        if bit != 0 { return system & bit != 0 }
        return keywords.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
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
            keywords.removeAll { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
    }

    /// `\Seen \Flagged $Label1` plus `\Recent` when asked, without parentheses.
    func text(recent: Bool) -> String {
        var names: [String] = []
        for (index, name) in Self.systemNames.enumerated() where system & (1 << UInt8(index)) != 0 {
            names.append(name)
        }
        if recent { names.append("\\Recent") }
        return (names + keywords).joined(separator: " ")
    }
}
