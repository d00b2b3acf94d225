import Foundation

/// One sample of a scrape, parsed back: what the tests assert on instead of whole lines.
struct MetricsSample: Equatable {
    var name: String
    var labels: [String: String]
    var value: Double

    /// Every sample line of `text` (comments skipped); label values must not contain `,` or `"`,
    /// which holds for everything imapbench writes.
    static func parse(_ text: String) -> [MetricsSample] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let brace = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}"),
                let value = Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces))
            else { return nil }
            var labels: [String: String] = [:]
            for pair in line[line.index(after: brace)..<close].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            return MetricsSample(name: String(line[..<brace]), labels: labels, value: value)
        }
    }
}

extension [MetricsSample] {
    /// The samples named `name` whose labels include all of `labels`.
    func matching(_ name: String, _ labels: [String: String] = [:]) -> [MetricsSample] {
        filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
    }

    /// The one value of `name` with `labels`; nil when there is none (or more than one).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let found = matching(name, labels)
        return found.count == 1 ? found[0].value : nil
    }
}
