import Driver
import Foundation
import XCTest
@testable import IMAPBenchCLI

/// `run --metrics`: bad addresses refused before anything runs.
final class RunMetricsTests: XCTestCase {
    func testMalformedMetricsFlagsAreCommandLineErrors() throws {
        let table: [([String], String)] = [
            (
                ["smoke", "--metrics", "nonsense"],
                "--metrics must be HOST:PORT (for example 127.0.0.1:9464), got 'nonsense' without a port"
            ),
            (["smoke", "--metrics", "127.0.0.1:99999"], "--metrics must be HOST:PORT"),
            (["smoke", "--metrics-linger", "5s"], "--metrics-linger needs --metrics HOST:PORT"),
            (
                ["smoke", "--metrics", "127.0.0.1:9464", "--metrics-linger", "soon"],
                "--metrics-linger must be a duration such as 5s or 0s, got 'soon'"
            ),
        ]
        for (arguments, expected) in table {
            let command = try Run.parse(arguments)
            XCTAssertThrowsError(try RunRequest(command: command), "\(arguments)") { error in
                let text = Run.message(for: error)
                XCTAssertTrue(text.contains(expected), "\(arguments): '\(text)' should mention '\(expected)'")
            }
        }
    }

    /// A port another process holds stops the run with exit 1 before it starts: no result directory.
    func testPortInUseExitsWithOneBeforeTheRun() async throws {
        let holder = try await MetricsServer.start(
            host: "127.0.0.1", port: 0, metrics: LiveMetrics(runID: "x", shard: "1/1"))
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("run")
        let output = try CLITestSupport.run([
            "run", "smoke", "--duration", "2s", "--quiet", "--out", out.path,
            "--metrics", "127.0.0.1:\(holder.port)",
        ])
        await holder.stop()
        XCTAssertEqual(output.status, 1, output.stderr)
        XCTAssertTrue(
            output.stderr.contains("--metrics: cannot listen on 127.0.0.1:\(holder.port): the port is in use"),
            output.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "the run must not have started")
    }

    /// Ctrl-C during `--metrics-linger` ends it at once, and the exit code stays the run's (it was
    /// not interrupted): not death by SIGINT, not 130.
    func testCtrlCEndsTheLingerAndKeepsTheRunsExitCode() async throws {
        let probe = try await MetricsServer.start(
            host: "127.0.0.1", port: 0, metrics: LiveMetrics(runID: "x", shard: "1/1"))
        let port = probe.port
        await probe.stop()
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("run")
        let started = Date()
        let output = try CLITestSupport.run(
            [
                "run", "smoke", "--duration", "1s", "--quiet", "--allow-limited", "--out", out.path,
                "--metrics", "127.0.0.1:\(port)", "--metrics-linger", "60s",
            ],
            interruptAfter: 8, timeout: 50)
        XCTAssertTrue(output.stderr.contains("serving the final metrics for 1m more"), output.stderr)
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the linger did not end on Ctrl-C")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.csv").path))
    }
}

extension RunMetricsTests {
    /// `imapbench help run` names the flags under their own heading, with what they serve.
    func testRunHelpDocumentsTheLiveMetrics() {
        let help = Run.helpMessage(columns: 400)
        XCTAssertTrue(
            help.contains(
                """
                LIVE METRICS:
                  --metrics <host:port>   Serve live Prometheus/OpenMetrics metrics at http://HOST:PORT/metrics during the run.
                  --metrics-linger <duration>
                                          How long --metrics keeps serving after the run, so a scraper sees the final totals (default 5s; at least your scrape interval).
                """), help)
        XCTAssertTrue(
            help.contains(
                "Live metrics: --metrics HOST:PORT serves Prometheus/OpenMetrics text at /metrics during the run"), help
        )
    }
}
