import Driver
import Measurement
import XCTest

/// A whole run against the embedded server with the endpoint attached, scraped over HTTP at the end.
final class LiveMetricsRunTests: XCTestCase {
    /// The final scrape's `imapbench_commands_total{phase="hold"}` equals summary.csv's count per
    /// command and outcome (the measured window is the hold phase), and the warm-up is its own phase.
    func testFinalScrapedTotalsEqualTheSummaryCounts() async throws {
        let yaml = """
            users: {pattern: "user%d", range: 1-3, password: pass}
            connection: {mailbox: INBOX, open: select}
            load: {model: closed, sessions: 3, think_time: 5ms, pipeline_depth: 2}
            phases: {warmup: 1s, duration: 3s}
            operations:
              - {type: noop, weight: 2}
              - {type: fetch, weight: 1, items: [FLAGS]}
              - {type: select, weight: 1, mailbox: NoSuchMailbox}
            """
        let metrics = LiveMetrics(runID: "e2e", shard: "1/1")
        let server = try await MetricsServer.start(host: "127.0.0.1", port: 0, metrics: metrics)
        let result = try await EmbeddedRun.run(yaml: yaml, observer: metrics)
        let scrape = try await HTTPTestClient.get(port: server.port, path: "/metrics")
        await server.stop()
        let samples = MetricsSample.parse(scrape.body)

        var summary: [String: Double] = [:]
        for row in RunAnalysis(result).rows where row.kind == .command && row.outcome != "all" {
            summary["\(row.label) \(row.outcome)"] = Double(row.statistics.count + row.outOfRange)
        }
        var scraped: [String: Double] = [:]
        for sample in samples.matching("imapbench_commands_total", ["phase": "hold"]) {
            scraped["\(sample.labels["command"]!) \(sample.labels["outcome"]!)"] = sample.value
        }
        XCTAssertEqual(scraped, summary)
        XCTAssertGreaterThan(summary["NOOP ok"] ?? 0, 20, "the run did work: \(summary)")
        XCTAssertNotNil(summary["SELECT no"], "an error outcome is among the compared rows: \(summary)")
        XCTAssertEqual(
            samples.value("imapbench_commands_total", ["phase": "warmup", "command": "LOGIN", "outcome": "ok"]), 3)
    }
}
