import ArgumentParser
import XCTest
import Workload
@testable import IMAPBenchCLI

final class ShardOptionsTests: XCTestCase {
    private func resolve(_ arguments: [String], _ environment: [String: String] = [:]) throws -> ShardRequest {
        try ShardOptions.parse(arguments).resolve(environment: environment)
    }

    func testTheShardComesFromTheFlagOrTheIndexedJob() throws {
        let table: [([String], [String: String], Segment?)] = [
            ([], [:], nil),
            (["--shard", "2/3"], [:], Segment(index: 2, count: 3)),
            (["--segment", "2/3"], [:], Segment(index: 2, count: 3)),
            (["--shards", "3"], ["JOB_COMPLETION_INDEX": "0"], Segment(index: 1, count: 3)),
            ([], ["JOB_COMPLETION_INDEX": "2", "IMAPBENCH_SHARDS": "3"], Segment(index: 3, count: 3)),
            // the flag wins over the environment; an Indexed Job without a shard count is not sharded
            (["--shard", "1/2"], ["JOB_COMPLETION_INDEX": "1", "IMAPBENCH_SHARDS": "2"], Segment(index: 1, count: 2)),
            ([], ["JOB_COMPLETION_INDEX": "4"], nil),
        ]
        for (arguments, environment, expected) in table {
            XCTAssertEqual(try resolve(arguments, environment).segment, expected, "\(arguments) \(environment)")
        }
    }

    /// Errors about the slice name it as the user gave it (once always "--segment").
    func testTheSliceIsNamedAsTheUserGaveIt() throws {
        XCTAssertEqual(try resolve(["--shard", "2/3"]).segmentSource, "--shard 2/3")
        XCTAssertEqual(try resolve(["--segment", "2/3"]).segmentSource, "--segment 2/3")
        XCTAssertEqual(
            try resolve([], ["JOB_COMPLETION_INDEX": "1", "IMAPBENCH_SHARDS": "3"]).segmentSource,
            "shard 2/3 (JOB_COMPLETION_INDEX=1)")
    }

    func testTheResultsTimeoutDefaultsToTwoMinutes() throws {
        XCTAssertEqual(try resolve([]).resultsTimeout, .seconds(120))
        XCTAssertEqual(try resolve(["--results-timeout", "30s"]).resultsTimeout, .seconds(30))
        XCTAssertThrowsError(try resolve(["--results-timeout", "0"])) { error in
            XCTAssertTrue("\(error)".contains("--results-timeout must be a duration above zero"), "\(error)")
        }
    }

    func testBadCombinationsSayWhatIsWrong() throws {
        let table: [([String], [String: String], String)] = [
            (["--shard", "1/3", "--segment", "1/3"], [:], "--shard and --segment are the same option"),
            (["--shard", "4/3"], [:], "--shard must be i/N with 1 <= i <= N"),
            (["--segment", "0/3"], [:], "--segment must be i/N"),
            (["--shards", "3"], [:], "3 shards but no shard number: give --shard i/N"),
            (
                ["--shards", "3"], ["JOB_COMPLETION_INDEX": "3"],
                "JOB_COMPLETION_INDEX must be 0 to 2 for 3 shards, got '3'"
            ),
            ([], ["JOB_COMPLETION_INDEX": "x", "IMAPBENCH_SHARDS": "2"], "JOB_COMPLETION_INDEX must be 0 to 1"),
            (["--shards", "0"], [:], "--shards must be a whole number of shards, at least 1, got '0'"),
            ([], ["IMAPBENCH_SHARDS": "many"], "IMAPBENCH_SHARDS must be a whole number"),
            (
                ["--shard", "2/3", "--shards", "4"], [:],
                "--shard 2/3 says 3 shards but --shards or IMAPBENCH_SHARDS says 4"
            ),
            (["--coordinator", "gen1:7000"], [:], "--coordinator needs several shards"),
            (["--shard", "1/1", "--coordinator", "gen1:7000"], [:], "--coordinator needs several shards"),
            (["--shard", "1/2", "--coordinator", "gen1"], [:], "--coordinator must be HOST:PORT"),
            (
                ["--shard", "1/2", "--coordinator", "gen1:7000", "--barrier-timeout", "soon"], [:],
                "--barrier-timeout must be a duration"
            ),
        ]
        for (arguments, environment, expected) in table {
            XCTAssertThrowsError(try resolve(arguments, environment), "\(arguments)") { error in
                let text = Run.message(for: error)
                XCTAssertTrue(text.contains(expected), "\(arguments): '\(text)' should mention '\(expected)'")
            }
        }
    }

    func testTheCoordinatorComesFromTheFlagOrTheEnvironment() throws {
        let request = try resolve(
            ["--shard", "2/3", "--barrier-timeout", "90s"], ["IMAPBENCH_COORDINATOR": "imapbench-0.imapbench:7000"])
        XCTAssertEqual(request.coordinator?.host, "imapbench-0.imapbench")
        XCTAssertEqual(request.coordinator?.port, 7000)
        XCTAssertEqual(request.barrierTimeout, .seconds(90))
        XCTAssertEqual(try resolve(["--shard", "2/3"]).barrierTimeout, .seconds(60))
        XCTAssertNil(try resolve(["--shard", "2/3"]).coordinator)
    }

    /// `run` takes the shard flags, and `--shard` reaches the plan exactly as `--segment` did.
    func testRunTakesTheShardFlags() throws {
        let request = try RunRequest(command: try Run.parse(["smoke", "--shard", "1/2", "--sessions", "4"]))
        XCTAssertEqual(request.overrides.segment, Segment(index: 1, count: 2))
    }
}
