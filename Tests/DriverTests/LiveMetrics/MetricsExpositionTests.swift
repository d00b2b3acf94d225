@testable import Driver
import Foundation
import Measurement
import XCTest

/// The text `/metrics` serves, for snapshots whose every count is known.
final class MetricsExpositionTests: XCTestCase {
    private let run = ["run_id": "r1", "shard": "2/3"]

    /// Counters are cumulative over the run, one series per phase, summed over operations (as
    /// summary.csv's rows), with the run's labels first; outcomes in `Outcome`'s order.
    func testCommandCountersAddUpAcrossIntervalsPerPhase() {
        let metrics = Self.metrics()
        metrics.observe(Self.record(.warmup, [(Self.response("LOGIN"), [1500])]), late: false)
        metrics.observe(
            Self.record(
                .hold,
                [
                    (Self.response("NOOP"), [50, 200]), (Self.response("NOOP", .no), [700]),
                    (Self.response("FETCH", operation: "fetch_flags"), [900]),
                ]), late: false)
        metrics.observe(
            Self.record(
                .hold,
                [
                    (Self.response("NOOP"), [50]),
                    (Self.response("FETCH", operation: "fetch_header"), [900]),
                ]), late: false)
        let text = metrics.render(.prometheus)
        let expected = """
            # HELP imapbench_commands_total Commands completed, by command and outcome (errors, timeouts and unanswered included); as summary.csv's count.
            # TYPE imapbench_commands_total counter
            imapbench_commands_total{run_id="r1",shard="2/3",phase="hold",command="FETCH",outcome="ok"} 2
            imapbench_commands_total{run_id="r1",shard="2/3",phase="hold",command="NOOP",outcome="ok"} 3
            imapbench_commands_total{run_id="r1",shard="2/3",phase="hold",command="NOOP",outcome="no"} 1
            imapbench_commands_total{run_id="r1",shard="2/3",phase="warmup",command="LOGIN",outcome="ok"} 1

            """
        XCTAssertTrue(text.hasPrefix(expected), "got:\n\(text.prefix(900))")
    }

    /// Buckets count values at or below their bound (cumulative), `+Inf` equals `_count`, and
    /// `_sum` is in seconds; all outcomes of a command share one series.
    func testDurationBucketsAreCumulativeAndEndAtTheCount() {
        let metrics = Self.metrics()
        metrics.observe(
            Self.record(.hold, [(Self.response("NOOP"), [50, 50, 200, 3000]), (Self.response("NOOP", .no), [700])]),
            late: false)
        let samples = MetricsSample.parse(metrics.render(.prometheus))
        let series = run.merging(["phase": "hold", "command": "NOOP"]) { $1 }
        let bucket = { (le: String) in
            samples.value("imapbench_command_duration_seconds_bucket", series.merging(["le": le]) { $1 })
        }
        XCTAssertEqual(bucket("0.0001"), 2)
        XCTAssertEqual(bucket("0.00025"), 3)
        XCTAssertEqual(bucket("0.0005"), 3)
        XCTAssertEqual(bucket("0.001"), 4)
        XCTAssertEqual(bucket("0.0025"), 4)
        XCTAssertEqual(bucket("0.005"), 5)
        XCTAssertEqual(bucket("60.0"), 5)
        XCTAssertEqual(bucket("+Inf"), 5)
        XCTAssertEqual(samples.value("imapbench_command_duration_seconds_count", series), 5)
        XCTAssertEqual(samples.value("imapbench_command_duration_seconds_sum", series) ?? 0, 0.004001, accuracy: 1e-9)
        XCTAssertEqual(
            samples.matching("imapbench_command_duration_seconds_bucket", series).count,
            MetricsBuckets.seconds.count + 1)
    }

    /// Service time and send lag are their own families, never mixed into response time.
    func testServiceTimeAndSendLagAreTheirOwnFamilies() {
        let metrics = Self.metrics()
        let service = SeriesKey(group: .command, name: "NOOP", metric: .service, outcome: .ok)
        let lag = SeriesKey(group: .command, name: "NOOP", metric: .sendLag, outcome: .ok)
        metrics.observe(
            Self.record(.hold, [(Self.response("NOOP"), [900]), (service, [90, 90]), (lag, [9, 9, 9])]), late: false)
        let samples = MetricsSample.parse(metrics.render(.prometheus))
        let series = ["phase": "hold", "command": "NOOP"]
        XCTAssertEqual(samples.value("imapbench_command_duration_seconds_count", series), 1)
        XCTAssertEqual(samples.value("imapbench_command_service_seconds_count", series), 2)
        XCTAssertEqual(samples.value("imapbench_command_send_lag_seconds_count", series), 3)
        XCTAssertEqual(
            samples.value("imapbench_commands_total", series.merging(["outcome": "ok"]) { $1 }), 1,
            "only response time counts commands")
    }

    /// Values above the histograms' top (an hour) are commands (summary.csv counts them) and sit in `+Inf` only.
    func testOutOfRangeValuesCountAsCommandsAndOnlyInInf() {
        let metrics = Self.metrics()
        var record = Self.record(.hold, [(Self.response("IDLE"), [1000])])
        record.outOfRange = [Self.response("IDLE").tag: 2]
        metrics.observe(record, late: false)
        let samples = MetricsSample.parse(metrics.render(.prometheus))
        let series = ["phase": "hold", "command": "IDLE"]
        XCTAssertEqual(samples.value("imapbench_commands_total", series.merging(["outcome": "ok"]) { $1 }), 3)
        XCTAssertEqual(
            samples.value("imapbench_command_duration_seconds_bucket", series.merging(["le": "60.0"]) { $1 }), 1)
        XCTAssertEqual(
            samples.value("imapbench_command_duration_seconds_bucket", series.merging(["le": "+Inf"]) { $1 }), 3)
        XCTAssertEqual(samples.value("imapbench_command_duration_seconds_count", series), 3)
    }

    /// Gauges come from the latest interval; a late record (commands answered after their interval)
    /// adds its counts but says nothing about now, so the gauges stay.
    func testGaugesFollowTheLatestIntervalNotLateRecords() {
        let metrics = Self.metrics()
        metrics.setTargetSessions(8)
        var first = Self.record(
            .hold, [(LatencyRecorder.hiccupSeries, [2000]), (LatencyRecorder.ownSendLagSeries, [300])])
        first.sessions = 6
        metrics.observe(first, late: false)
        metrics.observe(Self.record(.drain, [(Self.response("NOOP", .timeout), [5000])]), late: true)
        let text = metrics.render(.prometheus)
        let expected = """
            # HELP imapbench_sessions_target Sessions the run was asked for.
            # TYPE imapbench_sessions_target gauge
            imapbench_sessions_target{run_id="r1",shard="2/3",phase="hold"} 8
            # HELP imapbench_sessions_connected Sessions connected (logged in and ready) at the end of the latest interval.
            # TYPE imapbench_sessions_connected gauge
            imapbench_sessions_connected{run_id="r1",shard="2/3",phase="hold"} 6
            # HELP imapbench_generator_send_lag_p99_seconds The generator's own send lag, p99 of the latest interval.
            # TYPE imapbench_generator_send_lag_p99_seconds gauge
            imapbench_generator_send_lag_p99_seconds{run_id="r1",shard="2/3",phase="hold"} 0.0003
            # HELP imapbench_generator_hiccup_p99_seconds How late a 1 ms timer woke on the event loops, p99 of the latest interval.
            # TYPE imapbench_generator_hiccup_p99_seconds gauge
            imapbench_generator_hiccup_p99_seconds{run_id="r1",shard="2/3",phase="hold"} 0.002

            """
        XCTAssertTrue(text.contains(expected), "got:\n\(text)")
        let samples = MetricsSample.parse(text)
        XCTAssertEqual(samples.value("imapbench_commands_total", ["phase": "drain", "outcome": "timeout"]), 1)
    }

    /// Dropped and skipped counts are counters per operation (and reason), cumulative.
    func testDroppedAndSkippedAreCumulativeCounters() {
        let metrics = Self.metrics()
        for _ in 0..<2 {
            var data = IntervalData()
            data.dropped = ["noop": 3]
            data.skipped = [SkipKey(operation: "fetch", reason: "empty_mailbox"): 1]
            metrics.observe(
                IntervalRecord(startWall: Date(), startOffset: 0, length: 1, sessions: 1, phase: .hold, data: data),
                late: false)
        }
        let samples = MetricsSample.parse(metrics.render(.prometheus))
        XCTAssertEqual(samples.value("imapbench_dropped_total", ["phase": "hold", "operation": "noop"]), 6)
        XCTAssertEqual(samples.value("imapbench_skipped_total", ["operation": "fetch", "reason": "empty_mailbox"]), 2)
    }

    /// OpenMetrics (what Prometheus asks for) names a counter family without `_total` and ends in `# EOF`.
    func testOpenMetricsNamesCounterFamiliesWithoutTotalAndEnds() {
        let metrics = Self.metrics()
        metrics.observe(Self.record(.hold, [(Self.response("NOOP"), [50])]), late: false)
        let text = metrics.render(.openMetrics)
        XCTAssertTrue(text.contains("# TYPE imapbench_commands counter\nimapbench_commands_total{"), text)
        XCTAssertTrue(text.contains("# TYPE imapbench_dropped counter\n"))
        XCTAssertTrue(text.hasSuffix("\n# EOF\n"))
        XCTAssertFalse(metrics.render(.prometheus).contains("# EOF"))
        XCTAssertEqual(
            MetricsExposition.Format(accept: "application/openmetrics-text;version=1.0.0,text/plain;q=0.5"),
            .openMetrics)
        XCTAssertEqual(MetricsExposition.Format(accept: "*/*"), .prometheus)
    }

    /// Every sample's family has HELP and TYPE first, is one `familyNames` serves, and carries only
    /// bounded labels: never a user, mailbox or session.
    func testEverySampleIsDeclaredAndCarriesOnlyBoundedLabels() {
        let metrics = Self.metrics()
        metrics.setTargetSessions(1)
        metrics.observe(
            Self.record(.hold, [(Self.response("NOOP"), [50]), (LatencyRecorder.hiccupSeries, [1000])]), late: false)
        var declared: Set<String> = []
        let allowed: Set<String> = ["run_id", "shard", "phase", "command", "outcome", "operation", "reason", "le"]
        for line in metrics.render(.prometheus).split(separator: "\n") {
            if line.hasPrefix("# TYPE ") { declared.insert(String(line.split(separator: " ")[2])); continue }
            guard let sample = MetricsSample.parse(String(line)).first else { continue }
            let family = ["_bucket", "_count", "_sum"].reduce(sample.name) { name, suffix in
                name.hasSuffix(suffix) && declared.contains(String(name.dropLast(suffix.count)))
                    ? String(name.dropLast(suffix.count)) : name
            }
            XCTAssertTrue(declared.contains(family), "\(sample.name) before its # TYPE")
            XCTAssertTrue(MetricsExposition.familyNames.contains(family), "\(family) is not in familyNames")
            XCTAssertTrue(Set(sample.labels.keys).isSubset(of: allowed), "\(line)")
            XCTAssertEqual(sample.labels["run_id"], "r1")
        }
        XCTAssertEqual(declared, Set(MetricsExposition.familyNames))
    }

    func testLabelValuesAreEscaped() {
        XCTAssertEqual(MetricsExposition.escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd")
    }

    // MARK: - Snapshots

    private static func metrics() -> LiveMetrics { LiveMetrics(runID: "r1", shard: "2/3") }

    static func response(_ command: String, _ outcome: Outcome = .ok, operation: String = "") -> SeriesKey {
        SeriesKey(group: .command, name: command, operation: operation, metric: .response, outcome: outcome)
    }

    /// An interval of `phase` holding `values` (microseconds) per series.
    static func record(_ phase: RunPhase, _ values: [(SeriesKey, [UInt64])]) -> IntervalRecord {
        var record = IntervalRecord(startWall: Date(), startOffset: 0, length: 1, sessions: 1, phase: phase)
        for (key, list) in values {
            var histogram = record.histograms[key] ?? SparseHistogram()
            for value in list { histogram.record(value) }
            record.histograms[key] = histogram
        }
        return record
    }
}
