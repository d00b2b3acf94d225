import Measurement

extension SummaryTable {
    /// `errors by outcome: LOGIN no=12 | UID FETCH timeout=3 disconnected=1`: the table's errors
    /// column says how many, this says which, so a wrong password (NO) is told from a dead
    /// server (disconnected) without opening the CSV. Nil when nothing failed.
    static func errorBreakdown(_ rows: [SummaryRow]) -> String? {
        var order: [String] = []
        var counts: [String: [String]] = [:]
        for row in rows where row.kind == .command && row.outcome != "all" && row.errors > 0 {
            if counts[row.label] == nil { order.append(row.label) }
            counts[row.label, default: []].append("\(row.outcome)=\(row.errors)")
        }
        guard !order.isEmpty else { return nil }
        let commands = order.map { "\($0) \(counts[$0, default: []].joined(separator: " "))" }
        return "errors by outcome: " + commands.joined(separator: " | ")
    }
}
