/// A profile value picked from a fixed list of words (`tls: starttls`).
///
/// Conforming enums decode through `decodeChoice`, so a misspelt word is reported at its place
/// with the list of words that would have been accepted.
public protocol ProfileChoice: RawRepresentable, CaseIterable, Codable, Hashable, Sendable where RawValue == String {}

extension ProfileChoice {
    /// Decodes one of the enum's raw values, or fails naming the accepted words.
    static func decodeChoice(from decoder: any Decoder) throws -> Self {
        let text = try decoder.singleValueContainer().decode(String.self)
        if let value = Self(rawValue: text) { return value }
        let words = allCases.map(\.rawValue).joined(separator: ", ")
        throw decoder.profileError("\(decoder.profilePath) must be one of: \(words); found '\(text)'")
    }
}

extension Double {
    /// The number as a person would write it in a profile: `0`, `2.5`, `-3`.
    var profileText: String {
        if isFinite && self == rounded() && abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}
