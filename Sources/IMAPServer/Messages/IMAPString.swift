/// Writes strings the way responses need them (RFC 3501 §4.3): quoted when safe, a literal
/// otherwise, `NIL` for absent values.
enum IMAPString {
    // nstring = string / nil
    static func nstring(_ value: String?) -> String {
        guard let value else { return "NIL" }
        return string(value)
    }

    // string = quoted / literal
    static func string(_ value: String) -> String {
        let isQuotable = value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        guard isQuotable else { return "{\(value.utf8.count)}\r\n\(value)" }
        var result = "\""
        for character in value.unicodeScalars {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.unicodeScalars.append(character)
        }
        return result + "\""
    }

    /// A mailbox name as an astring: bare when it is an atom, quoted otherwise.
    static func mailbox(_ name: String) -> String {
        let isAtom = !name.isEmpty && name.utf8.allSatisfy { CommandReader.isAtomCharacter($0) }
        return isAtom ? name : string(name)
    }

    /// `("NAME" "value" ...)` or NIL for an empty parameter list.
    static func parameterList(_ parameters: [(name: String, value: String)]) -> String {
        guard !parameters.isEmpty else { return "NIL" }
        return "(" + parameters.map { "\(string($0.name.uppercased())) \(string($0.value))" }.joined(separator: " ")
            + ")"
    }
}
