import ArgumentParser
import Foundation
import XCTest
import Driver
@testable import IMAPBenchCLI

final class RunTests: XCTestCase {
    static let runFiles = [
        "run.json", "summary.csv", "timeseries.csv", "percentiles.csv", "latency.hlog", "report.html",
        "plots/throughput.gp", "plots/spectrum.gp",
    ]

    func testBadFlagsGiveClearErrors() throws {
        let plainFile = try CLITestSupport.temporaryDirectory().appendingPathComponent("a-file").path
        try "not a directory".write(toFile: plainFile, atomically: true, encoding: .utf8)
        let table: [([String], String)] = [
            (["smoke", "--tls", "bogus"], "--tls must be none, starttls or implicit"),
            (["smoke", "--server", "localhost:notaport"], "--server must be HOST:PORT"),
            (["smoke", "--user-range", "9-1"], "--user-range must be A-B"),
            (["smoke", "--sessions", "0"], "--sessions must be at least 1"),
            (["smoke", "--duration", "ten"], "--duration"),
            (["smoke", "--segment", "4/3"], "--segment must be i/N"),
            (["smoke", "--threshold", "fetch.p99 50ms"], "--threshold"),
            (["no-such-profile"], "no-such-profile"),
            (["smoke", "--server", "127.0.0.1"], "without a port"),
            (["smoke", "--users", "nopattern"], "--users must contain exactly one %d"),
            (["smoke", "--segment", "1/3", "--sessions", "2"], "--segment 1/3 gets no session of 2"),
            // the flag the user typed, not its older alias
            (["smoke", "--shard", "1/3", "--sessions", "2"], "--shard 1/3 gets no session of 2"),
            (["smoke", "--out", "/proc/no-such-dir/run"], "cannot create /proc/no-such-dir"),
            (["smoke", "--out", plainFile], "is a file, not a directory"),
            (["smoke", "--duration", "100000h"], "longer than the longest run"),
            (["smoke", "--duration", "-1s"], "is not a duration"),
            (["smoke", "--sessions", "-1"], "--sessions must be at least 1, got -1"),
            (["smoke", "--rate", "-5"], "--rate must be above 0"),
            (["smoke", "--timeout", "0"], "--timeout must be above zero"),
            (["smoke", "--timeout", "-1s"], "--timeout: '-1s' is not a duration"),
            (["smoke", "--timeout", "61m"], "--timeout must be at most 1h"),
        ]
        for (arguments, expected) in table {
            let command = try Run.parse(arguments)
            XCTAssertThrowsError(try RunRequest(command: command), "\(arguments)") { error in
                let text = Run.message(for: error)
                XCTAssertTrue(text.contains(expected), "\(arguments): '\(text)' should mention '\(expected)'")
            }
        }
    }

    func testASingleUserNumberIsARangeOfOne() throws {
        let request = try RunRequest(command: try Run.parse(["smoke", "--user-range", "5"]))
        XCTAssertEqual(request.overrides.userRange, 5...5)
    }

    func testOverridesReachTheResolvedProfile() throws {
        let command = try Run.parse([
            "pipeline-max", "--sessions", "3", "--pipeline", "5", "--rate", "100",
            "--duration", "7s", "--users", "u%d@example", "--user-range", "3-4",
        ])
        let request = try RunRequest(command: command)
        XCTAssertEqual(request.profile.load.sessions, 3)
        XCTAssertEqual(request.profile.load.pipelineDepth, 5)
        XCTAssertEqual(request.profile.load.model, .open)
        XCTAssertEqual(request.profile.load.commandsPerSecond, 100)
        XCTAssertEqual(request.profile.phases.duration.seconds, 7)
        XCTAssertEqual(request.profile.users.pattern, "u%d@example")
        XCTAssertEqual(request.profile.users.range.upper, 4)
    }

    /// `--timeout` replaces the profile's `session.command_timeout`, and the plan's connections get it.
    func testTimeoutFlagReachesTheConnections() throws {
        let request = try RunRequest(command: try Run.parse(["smoke", "--timeout", "750ms"]))
        XCTAssertEqual(request.profile.session.commandTimeout.duration, .milliseconds(750))
        let plan = try RunPlan(
            profileName: "smoke", resolved: request.profile, overrides: request.overrides,
            host: "127.0.0.1", port: 1)
        XCTAssertEqual(plan.connection.timeouts.command, .milliseconds(750))
    }

    /// The main job end to end: a short run against the embedded server writes every file, and
    /// `report` and `compare` work on what it wrote.
    func testRunThenReportThenCompare() throws {
        let directory = try CLITestSupport.temporaryDirectory()
        let first = directory.appendingPathComponent("first").path
        let second = directory.appendingPathComponent("second").path
        var measured: [Int] = []
        for out in [first, second] {
            // --allow-limited: a busy test machine may trip a generator limit (exit 3); this test is about the files
            let run = try CLITestSupport.run([
                "run", "smoke", "--duration", "2s", "--out", out, "--quiet", "--allow-limited",
                "--threshold", "commands.rate > 1/s",
            ])
            XCTAssertEqual(run.status, 0, run.stderr)
            measured.append(Self.measuredCommands(run.stdout))
            XCTAssertTrue(run.stdout.contains("NOOP"), run.stdout)
            for file in Self.runFiles {
                XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(out)/\(file) missing")
            }
        }
        // read back from run.json and latency.hlog, the same commands as the run printed
        let whole = try CLITestSupport.run(["report", first])
        XCTAssertGreaterThan(measured[0], 0)
        XCTAssertEqual(Self.measuredCommands(whole.stdout), measured[0], whole.stdout)
        let report = try CLITestSupport.run(["report", first, "--from", "1", "--to", "3"])
        XCTAssertEqual(report.status, 0, report.stderr)
        // the narrower window does not stick: a plain report is the whole hold again
        XCTAssertEqual(Self.measuredCommands(try CLITestSupport.run(["report", first]).stdout), measured[0])
        let beyond = try CLITestSupport.run(["report", first, "--from", "100"])
        XCTAssertEqual(beyond.status, 1)
        XCTAssertTrue(beyond.stderr.contains("select nothing"), beyond.stderr)
        let compareOut = directory.appendingPathComponent("compare").path
        let compare = try CLITestSupport.run(["compare", first, second, "--out", compareOut])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(compareOut)/compare.csv"))
        let merged = directory.appendingPathComponent("merged").path
        let merge = try CLITestSupport.run(["merge", first, second, "--out", merged])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(merged)/latency.hlog"))
        XCTAssertEqual(Self.measuredCommands(merge.stdout), measured[0] + measured[1], merge.stdout)
    }

    /// N of the summary's "measured window: X s, N commands" line; -1 when absent.
    private static func measuredCommands(_ stdout: String) -> Int {
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("measured window:") }),
            let part = line.split(separator: ",").dropFirst().first,
            let count = Int(part.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        else { return -1 }
        return count
    }

    /// merge refuses a run named twice (double counts) and an --out that is one of its inputs.
    func testMergeRefusesRepeatedInputsAndOverwritingOne() {
        XCTAssertThrowsError(try Merge.parse(["Results/a", "Results/./a", "--out", "Results/m"]))
        XCTAssertThrowsError(try Merge.parse(["Results/a", "Results/b", "--out", "Results/b"]))
        XCTAssertNoThrow(try Merge.parse(["Results/a", "Results/b", "--out", "Results/m"]))
    }

    /// A violated threshold makes the documented exit code, after everything is written.
    func testViolatedThresholdExitsWithTwo() throws {
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("run").path
        let run = try CLITestSupport.run([
            "run", "smoke", "--duration", "2s", "--out", out, "--quiet",
            "--threshold", "commands.p50 < 1us",
        ])
        XCTAssertEqual(run.status, ExitCodes.thresholdViolated, run.stdout + run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/run.json"))
    }

    /// A second Ctrl-C stops at once, and still everything measured is written: one that came
    /// while the files were being written (the drain of `smoke` is quick) once killed the process.
    func testTwoInterruptsStillWriteEverything() throws {
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("twice").path
        let run = try CLITestSupport.run(
            ["run", "smoke", "--duration", "60s", "--out", out, "--quiet"],
            interruptAfter: 3, signals: 2, gap: 0.3)
        XCTAssertEqual(run.status, ExitCodes.interrupted, run.stderr)
        for file in Self.runFiles {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file) missing after two SIGINTs")
        }
    }

    /// A run where nothing could connect says why and exits 1 ("nothing could run"), after
    /// writing what it saw; it once printed a healthy 0-command summary and exited 0.
    func testARunWhereNothingConnectsFailsAndSaysWhy() throws {
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("refused").path
        let run = try CLITestSupport.run([
            "run", "smoke", "--server", "127.0.0.1:1", "--duration", "1s", "--out", out, "--quiet",
        ])
        XCTAssertEqual(run.status, ExitCodes.failure, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("no command succeeded"), run.stderr)
        XCTAssertTrue(run.stderr.contains("connections failed"), run.stderr)
        XCTAssertTrue(run.stderr.contains("refused"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/run.json"))
    }

    /// A run that did not reach its offered rate should not be believed: exit 3, offered versus
    /// achieved on the console; --allow-limited exits 0 with the same verdict.
    func testARunShortOfItsRateExitsWithThree() throws {
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("short").path
        let arguments = ["run", "smoke", "--rate", "20000", "--duration", "2s", "--out", out, "--quiet"]
        let run = try CLITestSupport.run(arguments)
        XCTAssertEqual(run.status, ExitCodes.limited, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("rate: offered 20000/s, achieved"), run.stdout)
        XCTAssertTrue(run.stdout.contains("health: TARGET NOT REACHED: achieved"), run.stdout)
        XCTAssertTrue(run.stderr.contains("should not be believed"), run.stderr)
        let allowed = try CLITestSupport.run(arguments + ["--allow-limited"])
        XCTAssertEqual(allowed.status, ExitCodes.success, allowed.stdout + allowed.stderr)
        XCTAssertTrue(allowed.stdout.contains("health: TARGET NOT REACHED"), allowed.stdout)
    }

    /// `ulimit -n 256` with `--sessions 1000` once ran 239 sessions and exited 0 with "errors
    /// 0.000%": too low a limit refuses the run and says what to do; with --allow-limited the run
    /// goes ahead with the sessions that fit (a process out of descriptors can crash anywhere) and
    /// its summary says how many sessions it reached.
    func testTooLowAnOpenFileLimitIsRefusedOrReported() throws {
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("files").path
        let arguments = ["run", "smoke", "--sessions", "200", "--duration", "2s", "--out", out, "--quiet"]
        let refused = try CLITestSupport.run(arguments, openFileLimit: 100)
        XCTAssertEqual(refused.status, ExitCodes.failure, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("200 sessions need about"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("ulimit -n 1024"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(out)/run.json"), "refused before anything ran")
        let allowed = try CLITestSupport.run(arguments + ["--allow-limited"], openFileLimit: 100)
        XCTAssertEqual(allowed.status, ExitCodes.success, allowed.stdout + allowed.stderr)
        XCTAssertTrue(allowed.stderr.contains("of the 200 sessions, as many as fit"), allowed.stderr)
        XCTAssertTrue(allowed.stdout.contains("sessions: target 200, reached"), allowed.stdout)
        XCTAssertTrue(allowed.stdout.contains("health: TARGET NOT REACHED"), allowed.stdout)
    }

    /// Ctrl-C in the middle of a run still writes a complete run directory.
    func testInterruptedRunWritesEverything() throws {
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("interrupted").path
        let summary = out + "-summary.json"
        let run = try CLITestSupport.run(
            ["run", "smoke", "--duration", "60s", "--out", out, "--quiet", "--summary-json", summary], interruptAfter: 4
        )
        XCTAssertEqual(run.status, ExitCodes.interrupted, run.stderr)
        let summaryText = (try? String(contentsOfFile: summary, encoding: .utf8)) ?? ""
        XCTAssertTrue(
            summaryText.contains("\"verdict\" : \"interrupted\""),
            "--summary-json is written on Ctrl-C: \(summaryText.prefix(200))")
        for file in Self.runFiles {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file) missing after SIGINT")
        }
        let json = try String(contentsOfFile: "\(out)/run.json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"interrupted\" : true"), "run.json should say the run was interrupted")
        // the interval cut short ends at the Ctrl-C; the drain after it is its own, not measured
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let intervals = (document?["run"] as? [String: Any])?["intervals"] as? [[String: Any]] ?? []
        XCTAssertGreaterThanOrEqual(intervals.count, 3, "intervals before and after the Ctrl-C")
        XCTAssertEqual(intervals.last?["phase"] as? String, "drain", "the drain is its own interval")
        let beforeDrain = intervals.dropLast().last
        XCTAssertNotEqual(beforeDrain?["phase"] as? String, "drain", "the cut interval keeps its own phase")
    }
}
