/// The "did you mean" part of a message about a misspelt word of a profile or command line,
/// so `recent-twcie` points at `recent-twice` instead of leaving a person to scan a list.
/// The one such helper: profile keys, check IDs and threshold subjects all use it.
public enum NameHint {
    /// ` (did you mean 'recent-twice'?)` for the nearest name within two edits, else nothing.
    public static func hint(_ name: String, among names: [String]) -> String {
        let scored = names.map { ($0, distance(name, $0)) }.filter { $0.1 <= 2 && $0.1 < name.count }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    /// Edit distance where an insertion, a deletion, a substitution, or a swap of two neighbours
    /// (`fecth`, the commonest slip at a keyboard) each count one.
    static func distance(_ left: String, _ right: String) -> Int {
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
