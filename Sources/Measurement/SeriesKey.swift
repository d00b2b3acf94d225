import Foundation

/// What a series of measurements belongs to.
public enum SeriesGroup: String, Codable, Sendable, Comparable {
    /// An IMAP command (name = command kind, operation = profile operation).
    case command
    /// A session phase (name = `SessionPhase` raw value).
    case phase
    /// The generator's own health (name = "hiccup").
    case generator

    public static func < (lhs: SeriesGroup, rhs: SeriesGroup) -> Bool {
        let order: [SeriesGroup] = [.command, .phase, .generator]
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// Identifies one histogram: group, name, operation, metric and outcome.
public struct SeriesKey: Hashable, Codable, Sendable, Comparable {
    public var group: SeriesGroup
    public var name: String
    /// Profile operation name; empty for phases and generator series.
    public var operation: String
    public var metric: Metric
    public var outcome: Outcome

    public init(group: SeriesGroup, name: String, operation: String = "", metric: Metric, outcome: Outcome) {
        self.group = group
        self.name = name
        self.operation = operation
        self.metric = metric
        self.outcome = outcome
    }

    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        (lhs.group, lhs.name, lhs.operation, lhs.metric, lhs.outcome)
            < (rhs.group, rhs.name, rhs.operation, rhs.metric, rhs.outcome)
    }

    /// The hlog tag: `UID_FETCH[fetch-headers].response.ok`, `phase:login.duration.ok`,
    /// `generator:hiccup.hiccup.ok`. Tags may not hold spaces or commas, so those become `_`.
    public var tag: String {
        let prefix: String
        switch group {
        case .command: prefix = ""
        case .phase: prefix = "phase:"
        case .generator: prefix = "generator:"
        }
        let operationPart = operation.isEmpty ? "" : "[\(Self.sanitize(operation))]"
        return "\(prefix)\(Self.sanitize(name))\(operationPart).\(metric.rawValue).\(outcome.rawValue)"
    }

    /// Parses a tag written by `tag`; command names get their spaces back.
    public init?(tag: String) {
        var parts = tag.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3,
            let outcome = Outcome(rawValue: parts.removeLast()),
            let metric = Metric(rawValue: parts.removeLast())
        else { return nil }
        var head = parts.joined(separator: ".")
        var group = SeriesGroup.command
        for (candidate, prefix) in [(SeriesGroup.phase, "phase:"), (.generator, "generator:")]
        where head.hasPrefix(prefix) {
            group = candidate
            head.removeFirst(prefix.count)
        }
        var operation = ""
        if head.hasSuffix("]"), let open = head.firstIndex(of: "[") {
            operation = String(head[head.index(after: open)..<head.index(before: head.endIndex)])
            head = String(head[..<open])
        }
        guard !head.isEmpty else { return nil }
        let name = group == .command ? head.replacingOccurrences(of: "_", with: " ") : head
        self.init(group: group, name: name, operation: operation, metric: metric, outcome: outcome)
    }

    static func sanitize(_ text: String) -> String {
        String(text.map { $0 == " " || $0 == "," || $0.isNewline ? "_" : $0 })
    }
}

/// Identifies traffic counters: one command kind within one operation.
public struct TrafficKey: Hashable, Codable, Sendable, Comparable {
    public var command: String
    public var operation: String

    public init(command: String, operation: String) {
        self.command = command
        self.operation = operation
    }

    public static func < (lhs: TrafficKey, rhs: TrafficKey) -> Bool {
        (lhs.command, lhs.operation) < (rhs.command, rhs.operation)
    }
}
