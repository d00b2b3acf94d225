import Measurement

/// Renders `LiveMetricsState` as Prometheus text (version 0.0.4) or OpenMetrics 1.0 text.
///
/// The two differ only where OpenMetrics insists: a counter's family is named without its
/// `_total` suffix in `# TYPE`, and the text ends with `# EOF`. Families are documented in the
/// README ("Live metrics"); every sample carries `run_id`, `shard` and `phase`.
public struct MetricsExposition {
    /// Which text format a scraper asked for.
    public enum Format: Sendable {
        case prometheus
        case openMetrics

        /// OpenMetrics when the `Accept` header names it (Prometheus does), else the classic text.
        public init(accept: String?) {
            self = accept?.contains("application/openmetrics-text") == true ? .openMetrics : .prometheus
        }

        public var contentType: String {
            switch self {
            case .prometheus: "text/plain; version=0.0.4; charset=utf-8"
            case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
            }
        }
    }

    /// The run's own labels, on every sample.
    struct Identity: Sendable {
        var runID: String
        var shard: String
    }

    /// The families served, in order: the names a dashboard may use (see `deploy/grafana/`).
    public static let familyNames = [
        "imapbench_commands_total", "imapbench_command_duration_seconds", "imapbench_command_service_seconds",
        "imapbench_command_send_lag_seconds", "imapbench_sessions_target", "imapbench_sessions_connected",
        "imapbench_generator_send_lag_p99_seconds", "imapbench_generator_hiccup_p99_seconds",
        "imapbench_dropped_total", "imapbench_skipped_total",
    ]

    let identity: Identity
    let format: Format
    private var lines: [String] = []

    init(identity: Identity, format: Format) {
        self.identity = identity
        self.format = format
    }

    /// The whole scrape body.
    static func render(_ state: LiveMetricsState, identity: Identity, format: Format) -> String {
        var text = MetricsExposition(identity: identity, format: format)
        text.addCommands(state)
        text.addDurations(state)
        text.addGauges(state)
        text.addOperationCounters(state)
        if format == .openMetrics { text.lines.append("# EOF") }
        return text.lines.joined(separator: "\n") + "\n"
    }

    private mutating func addCommands(_ state: LiveMetricsState) {
        header(
            "imapbench_commands_total", type: "counter",
            help:
                "Commands completed, by command and outcome (errors, timeouts and unanswered included); as summary.csv's count."
        )
        for (key, count) in state.commands.sorted(by: { $0.key < $1.key }) {
            sample(
                "imapbench_commands_total", phase: key.phase,
                ["command": key.command, "outcome": key.outcome.rawValue], value: "\(count)")
        }
    }

    private mutating func addDurations(_ state: LiveMetricsState) {
        let families: [(Metric, String, String)] = [
            (
                .response, "imapbench_command_duration_seconds",
                "Response time: intended (or due) send time to tagged completion, all outcomes."
            ),
            (
                .service, "imapbench_command_service_seconds",
                "Service time: first byte written to tagged completion, all outcomes."
            ),
            (
                .sendLag, "imapbench_command_send_lag_seconds",
                "Send lag: intended (or due) send time to first byte written."
            ),
        ]
        for (metric, name, help) in families {
            header(name, type: "histogram", help: help)
            for (key, buckets) in state.durations.sorted(by: { $0.key < $1.key }) where key.metric == metric {
                addHistogram(name, key: key, buckets)
            }
        }
    }

    private mutating func addHistogram(_ name: String, key: LiveMetricsState.DurationKey, _ buckets: BucketCounts) {
        let command = ["command": key.command]
        for (bound, count) in zip(MetricsBuckets.seconds.map { "\($0)" } + ["+Inf"], buckets.cumulative) {
            sample(name + "_bucket", phase: key.phase, command.merging(["le": bound]) { a, _ in a }, value: "\(count)")
        }
        sample(name + "_count", phase: key.phase, command, value: "\(buckets.count)")
        sample(name + "_sum", phase: key.phase, command, value: "\(buckets.sumSeconds)")
    }

    private mutating func addGauges(_ state: LiveMetricsState) {
        guard let latest = state.latest else { return }
        let gauges: [(String, String, String?)] = [
            ("imapbench_sessions_target", "Sessions the run was asked for.", state.targetSessions.map { "\($0)" }),
            (
                "imapbench_sessions_connected",
                "Sessions connected (logged in and ready) at the end of the latest interval.",
                "\(latest.connectedSessions)"
            ),
            (
                "imapbench_generator_send_lag_p99_seconds", "The generator's own send lag, p99 of the latest interval.",
                latest.sendLagP99Seconds.map { "\($0)" }
            ),
            (
                "imapbench_generator_hiccup_p99_seconds",
                "How late a 1 ms timer woke on the event loops, p99 of the latest interval.",
                latest.hiccupP99Seconds.map { "\($0)" }
            ),
        ]
        for (name, help, value) in gauges {
            header(name, type: "gauge", help: help)
            if let value { sample(name, phase: latest.phase, [:], value: value) }
        }
    }

    private mutating func addOperationCounters(_ state: LiveMetricsState) {
        header(
            "imapbench_dropped_total", type: "counter",
            help: "Open model: commands the generator could not send in time and dropped, by operation.")
        for (key, count) in state.dropped.sorted(by: { $0.key < $1.key }) {
            sample("imapbench_dropped_total", phase: key.phase, ["operation": key.operation], value: "\(count)")
        }
        header(
            "imapbench_skipped_total", type: "counter",
            help: "Operations the generator skipped, by operation and reason.")
        for (key, count) in state.skipped.sorted(by: { $0.key < $1.key }) {
            sample(
                "imapbench_skipped_total", phase: key.phase, ["operation": key.operation, "reason": key.reason],
                value: "\(count)")
        }
    }

    /// `# HELP` and `# TYPE`; OpenMetrics names a counter family without `_total`.
    private mutating func header(_ name: String, type: String, help: String) {
        let family = format == .openMetrics && type == "counter" ? String(name.dropLast("_total".count)) : name
        lines.append("# HELP \(family) \(help)")
        lines.append("# TYPE \(family) \(type)")
    }

    /// One sample: the run's labels, the phase, then `labels` in the order given by their names.
    private mutating func sample(_ name: String, phase: RunPhase, _ labels: [String: String], value: String) {
        var pairs = [("run_id", identity.runID), ("shard", identity.shard), ("phase", phase.rawValue)]
        pairs += labels.sorted { Self.labelOrder($0.key) < Self.labelOrder($1.key) }.map { ($0.key, $0.value) }
        let text = pairs.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",")
        lines.append("\(name){\(text)} \(value)")
    }

    /// `le` last, as Prometheus's own clients write it; otherwise alphabetical.
    private static func labelOrder(_ name: String) -> String { name == "le" ? "~" : name }

    /// Label values escape backslash, double quote and newline (both formats).
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
