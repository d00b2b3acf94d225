import Foundation
import ArgumentParser
import Measurement
import Workload

extension RunRequest {
    /// `--checks`, `--no-checks` and `--check ID=SEVERITY` over the profile's `checks:`; nil when
    /// the command line says nothing about checks.
    static func checks(enabled: Bool?, severities: [String], profile: CheckSettings) throws -> CheckSettings? {
        guard enabled != nil || !severities.isEmpty else { return nil }
        var settings = profile
        settings.enabled = enabled ?? true
        for text in severities.flatMap({ $0.split(separator: ",").map(String.init) }) {
            let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw ValidationError("--check wants ID=SEVERITY, e.g. recent-twice=error, got '\(text)'")
            }
            switch (CheckSettings.checkID(parts[0]), CheckSettings.severity(parts[1], of: parts[0])) {
            case (.failure(let error), _), (_, .failure(let error)): throw ValidationError("--check: \(error.message)")
            case (.success(let id), .success(let severity)): settings.overrides[id] = severity
            }
        }
        return settings
    }
}
