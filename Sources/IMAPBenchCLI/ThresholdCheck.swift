import Measurement
import Workload

/// Thresholds checked before anything runs: the syntax and units `Threshold.parse` insists on,
/// and a subject the profile can measure. A misspelt subject (`fecth.p99 < 5ms`) used to pass
/// validation and fail only after the whole run, as "nothing measured".
enum ThresholdCheck {
    /// The IMAP commands imapbench's client sends, as threshold subjects name them.
    static let commandNames: [String] = {
        let plain = ["capability", "noop", "logout", "starttls", "login", "authenticate", "enable", "id", "namespace",
                     "select", "examine", "create", "delete", "rename", "subscribe", "unsubscribe", "list", "lsub",
                     "status", "append", "check", "close", "unselect", "expunge", "search", "fetch", "store", "copy",
                     "move", "idle"]
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
            let statistic = text.lowercased().components(separatedBy: "checks.").last?.split(separator: " ").first.map(String.init) ?? ""
            return ["violations", "warnings"].contains(statistic)
                ? nil : "'\(text)': checks has violations and warnings (checks.violations < 1)"
        }
        for (prefix, names) in [("phase:", SessionPhase.allCases.map(\.rawValue)), ("outcome:", Outcome.allCases.map(\.rawValue)),
                                ("check:", CheckID.allCases.map(\.rawValue))]
        where subject.hasPrefix(prefix) {
            let name = String(subject.dropFirst(prefix.count))
            if names.contains(name) { return nil }
            return "'\(text)': unknown \(prefix.dropLast()) '\(name)'\(hint(name, among: names)) (known: \(names.joined(separator: ", ")))"
        }
        let operations = profile.operations.map { $0.name.lowercased() }
        let known = operations + commandNames + rawCommandNames(profile) + ["commands", "errors"]
        let normalized = subject.replacingOccurrences(of: " ", with: "_")
        if known.contains(normalized) { return nil }
        return "'\(text)': unknown subject '\(subject)'\(hint(normalized, among: known)): use commands, errors, "
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

    /// ` (did you mean 'fetch'?)` for the nearest name within two edits, else nothing.
    static func hint(_ name: String, among names: [String]) -> String {
        let scored = names.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 && $0.1 < name.count }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    /// Levenshtein distance, counting a swap of two neighbours (`fecth`) as one edit.
    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
