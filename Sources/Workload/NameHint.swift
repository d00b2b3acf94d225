/// The "did you mean" part of a message about a misspelt word of a profile or command line,
/// so `recent-twcie` points at `recent-twice` instead of leaving a person to scan a list.
public enum NameHint {
    /// ` (did you mean 'recent-twice'?)` for the nearest name within two edits, else nothing.
    public static func hint(_ name: String, among names: [String]) -> String {
        let scored = names.map { ($0, distance(name, $0)) }.filter { $0.1 <= 2 && $0.1 < name.count }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    /// Levenshtein distance: insertions, deletions and substitutions each count one.
    static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left), b = Array(right)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
