import Foundation

/// What one mailbox of one user looked like before and after population.
public struct PopulateMailboxReport: Sendable, Codable, Hashable {
    public var user: String
    public var mailbox: String
    public var created: Bool
    public var before: Int
    public var appended: Int
    public var after: Int
    /// Why this mailbox was not brought to the target, if it was not.
    public var problem: String?
}

/// The outcome of `populate`: messages, bytes, rate, and every mailbox's count before and after.
public struct PopulateSummary: Sendable, Codable {
    public var users: Int
    public var target: Int
    public var appended: Int
    public var alreadyPresent: Int
    public var bytes: Int
    public var seconds: Double
    public var failedAppends: Int
    /// Whether the server offered LITERAL+ (RFC 7888), letting APPEND skip the continuation round trip.
    public var literalPlus: Bool
    public var mailboxes: [PopulateMailboxReport]
    /// Why the populate ended before every user was filled, if it did.
    public var stop: PopulateStop? = nil
    /// Messages wanted in all: users × mailboxes × target.
    public var wanted = 0

    /// Messages known to be in place, of `wanted`.
    public var inPlace: Int { alreadyPresent + appended }

    public var messagesPerSecond: Double { seconds > 0 ? Double(appended) / seconds : 0 }
    public var bytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds : 0 }
    public var problems: [String] {
        mailboxes.compactMap { report in report.problem.map { "\(report.user)/\(report.mailbox): \($0)" } }
    }
    /// Every user ran and every mailbox holds at least the target.
    public var isComplete: Bool { stop == nil && mailboxes.allSatisfy { $0.after >= target } && failedAppends == 0 }

    /// A few lines for stdout.
    public var text: String {
        let created = mailboxes.filter(\.created).count
        var lines = [
            String(
                format:
                    "populate: %d messages appended (%.1f MB) to %d mailboxes of %d users in %.1fs: %.0f msg/s, %.2f MB/s",
                appended, Double(bytes) / 1e6, mailboxes.count, users, seconds, messagesPerSecond, bytesPerSecond / 1e6),
            "  target \(target) per mailbox; \(alreadyPresent) already present; \(created) mailboxes created; "
                + "\(failedAppends) appends failed; LITERAL+ \(literalPlus ? "used" : "not offered (synchronizing literals)")",
        ]
        let over = mailboxes.filter { $0.before > target }
        if !over.isEmpty { lines.append("  \(over.count) mailboxes already held more than \(target); left alone") }
        if let stop { lines.append("  stopped early: \(stop)") }
        lines += problems.prefix(10).map { "  problem: \($0)" }
        return lines.joined(separator: "\n")
    }
}
