import Measurement

/// The profile's `checks:` section: `on`, `off`, or `{enabled: true, severity: {ID: SEVERITY}}`.
/// An unknown check ID or severity is refused at its place with the valid words, since a
/// misspelt ID silently keeping its default severity would make a run say less than it seems.
extension CheckSettings: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, severity
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            switch text.lowercased() {
            case "on", "true", "yes": self.init(enabled: true)
            case "off", "false", "no": self.init(enabled: false)
            default:
                throw decoder.profileError("checks must be on, off or a mapping {enabled, severity}; found '\(text)'")
            }
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        var overrides: [CheckID: CheckSeverity] = [:]
        if container.contains(.severity) {
            let words = try container.decode([String: String].self, forKey: .severity)
            let severityDecoder = try container.superDecoder(forKey: .severity)
            for (name, word) in words.sorted(by: { $0.key < $1.key }) {
                overrides[try Self.checkID(name, decoder: severityDecoder)] = try Self.severity(
                    word, of: name, decoder: severityDecoder)
            }
        }
        self.init(enabled: enabled, overrides: overrides)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(enabled, forKey: .enabled)
        if !overrides.isEmpty {
            let words = Dictionary(uniqueKeysWithValues: overrides.map { ($0.key.rawValue, $0.value.rawValue) })
            try container.encode(words, forKey: .severity)
        }
    }

    /// The check of that ID, or an error listing the valid IDs (with the nearest first).
    public static func checkID(_ name: String) -> Result<CheckID, CheckSettingsError> {
        if let id = CheckID(rawValue: name) { return .success(id) }
        let names = CheckID.allCases.map(\.rawValue)
        return .failure(
            CheckSettingsError(
                message:
                    "unknown check '\(name)'\(NameHint.hint(name, among: names)); checks are: \(names.joined(separator: ", "))"
            ))
    }

    /// The severity of that word, or an error listing the valid words.
    public static func severity(_ word: String, of name: String) -> Result<CheckSeverity, CheckSettingsError> {
        if let severity = CheckSeverity(rawValue: word.lowercased()) { return .success(severity) }
        let words = CheckSeverity.allCases.map(\.rawValue)
        return .failure(
            CheckSettingsError(
                message:
                    "unknown severity '\(word)' for check '\(name)'\(NameHint.hint(word, among: words)); severities are: \(words.joined(separator: ", "))"
            ))
    }

    private static func checkID(_ name: String, decoder: any Decoder) throws -> CheckID {
        switch checkID(name) {
        case .success(let id): return id
        case .failure(let error): throw decoder.profileError("checks.severity: \(error.message)", key: name)
        }
    }

    private static func severity(_ word: String, of name: String, decoder: any Decoder) throws -> CheckSeverity {
        switch severity(word, of: name) {
        case .success(let severity): return severity
        case .failure(let error): throw decoder.profileError("checks.severity: \(error.message)", key: name)
        }
    }
}

/// A check ID or severity that does not exist, with text written for a person.
public struct CheckSettingsError: Error, Hashable, Sendable {
    public let message: String
}
