import Foundation
import Driver
import Histogram
import Measurement

/// The live progress line: elapsed, phase, sessions connected of target, commands/s, errors,
/// and the last interval's p50/p99 over all commands.
enum ProgressFormatter {
    static func format(_ line: ProgressLine) -> String {
        var all: Histogram<UInt64>? = nil
        var errors: UInt64 = 0
        for (key, histogram) in line.interval.histograms where key.group == .command && key.metric == .response {
            if key.outcome != .ok { errors += histogram.totalCount }
            if all == nil { all = histogram } else { all?.add(histogram) }
        }
        let count = all?.totalCount ?? 0
        let rate = line.length > 0 ? Double(count) / line.length : 0
        var latency = ""
        if let all, count > 0 {
            latency = "  p50 \(millis(all.valueAtPercentile(50))) p99 \(millis(all.valueAtPercentile(99)))"
        }
        let elapsed = Int(line.elapsed.rounded())
        return
            "[\(elapsed)s/\(Int(line.total.rounded()))s \(line.phase.rawValue)] sessions \(line.connected)/\(line.target)"
            + "  cmds/s \(Int(rate.rounded()))  errors \(errors)\(latency)\(problems(line.problems))"
    }

    /// The most frequent connect and login failure of the interval, as they happen: a run that
    /// cannot connect or log in says why at once, not only in the summary.
    static func problems(_ problems: SessionProblems) -> String {
        var parts: [String] = []
        if let (reason, count) = problems.connectFailures.max(by: { $0.value < $1.value }) {
            parts.append("\(count) connects failed: \(reason)")
        }
        if let (answer, failure) = problems.loginFailures.max(by: { $0.value.count < $1.value.count }) {
            parts.append("\(failure.count) logins refused (first for \(failure.firstUser)): \(answer)")
        }
        return parts.isEmpty ? "" : "  | " + parts.joined(separator: "; ")
    }

    private static func millis(_ micros: UInt64) -> String {
        let ms = Double(micros) / 1000
        return ms < 10 ? String(format: "%.2fms", ms) : String(format: "%.0fms", ms)
    }
}
