import Measurement

/// Which consistency checks run and with what severity: a profile's `checks:` section, which
/// `run --checks` can turn on or override.
///
///     checks: on                                  # every check at its default severity
///     checks: {enabled: true, severity: {recent-twice: error, modseq-decreased: off}}
public struct CheckSettings: Sendable, Hashable {
    public var enabled: Bool
    /// Severities that differ from each check's default.
    public var overrides: [CheckID: CheckSeverity]

    public init(enabled: Bool = false, overrides: [CheckID: CheckSeverity] = [:]) {
        self.enabled = enabled
        self.overrides = overrides
    }

    public static let off = CheckSettings()

    public func severity(of id: CheckID) -> CheckSeverity { overrides[id] ?? id.defaultSeverity }

    /// The severity of every check that runs (those turned off are absent).
    public var severities: [CheckID: CheckSeverity] {
        var result: [CheckID: CheckSeverity] = [:]
        for id in CheckID.allCases where severity(of: id) != .off { result[id] = severity(of: id) }
        return result
    }
}
