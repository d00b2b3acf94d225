import Measurement
import Workload

/// Thresholds checked before anything runs: the syntax and units `Threshold.parse` insists on,
/// and a subject the profile can measure. A misspelt subject (`fecth.p99 < 5ms`) used to pass
/// validation and fail only after the whole run, as "nothing measured".
enum ThresholdCheck {
    /// The IMAP commands imapbench's client sends, as threshold subjects name them.
    static let commandNames: [String] = {
        let plain = [
            "capability", "noop", "logout", "starttls", "login", "authenticate", "enable", "id", "namespace",
            "select", "examine", "create", "delete", "rename", "subscribe", "unsubscribe", "list", "lsub",
            "status", "append", "check", "close", "unselect", "expunge", "search", "fetch", "store", "copy",
            "move", "idle",
        ]
        return plain + ["expunge", "search", "fetch", "store", "copy", "move"].map { "uid_" + $0 }
    }()

    /// Each problem of `thresholds`, by index, described for a person.
    static func problems(_ thresholds: [String], profile: Profile) -> [(index: Int, message: String)] {
        thresholds.enumerated().compactMap { index, text in problem(text, profile: profile).map { (index, $0) } }
    }

    /// What is wrong with one expression, nil when it can be judged after a run of `profile`.
    static func problem(_ text: String, profile: Profile) -> String? {
        let threshold: Threshold
        do { threshold = try Threshold.parse(text) } catch { return "\(error)" }
        return subjectProblem(threshold.subject, in: text, profile: profile)
    }

    private static func subjectProblem(_ subject: String, in text: String, profile: Profile) -> String? {
        if subject == "commands" || subject == "errors" { return nil }
        if subject == "checks" {
            let statistic =
                text.lowercased().components(separatedBy: "checks.").last?.split(separator: " ").first.map(String.init)
                ?? ""
            return ["violations", "warnings"].contains(statistic)
                ? nil : "'\(text)': checks has violations and warnings (checks.violations < 1)"
        }
        for (prefix, names) in [
            ("phase:", SessionPhase.allCases.map(\.rawValue)), ("outcome:", Outcome.allCases.map(\.rawValue)),
            ("check:", CheckID.allCases.map(\.rawValue)),
        ]
        where subject.hasPrefix(prefix) {
            let name = String(subject.dropFirst(prefix.count))
            if names.contains(name) { return nil }
            return
                "'\(text)': unknown \(prefix.dropLast()) '\(name)'\(NameHint.hint(name, among: names)) (known: \(names.joined(separator: ", ")))"
        }
        let operations = profile.operations.map { $0.name.lowercased() }
        let known = operations + commandNames + rawCommandNames(profile) + ["commands", "errors"]
        let normalized = subject.replacingOccurrences(of: " ", with: "_")
        if known.contains(normalized) { return nil }
        return
            "'\(text)': unknown subject '\(subject)'\(NameHint.hint(normalized, among: known)): use commands, errors, "
            + "phase:NAME, outcome:NAME, an operation of the profile (\(operations.joined(separator: ", "))) "
            + "or an IMAP command (fetch, uid_fetch, select...)"
    }

    /// The commands a profile's `raw` operations send: the template's first word, or `uid_` and
    /// the second after UID.
    private static func rawCommandNames(_ profile: Profile) -> [String] {
        profile.operations.compactMap { operation in
            guard operation.type == .raw, let template = operation.template else { return nil }
            let words = template.lowercased().split(separator: " ").map(String.init)
            guard let first = words.first else { return nil }
            return first == "uid" && words.count > 1 ? "uid_" + words[1] : first
        }
    }
}
