import ArgumentParser
import Driver
import Foundation
import NIOPosix
import XCTest
@testable import IMAPBenchCLI

/// Three shards of one `run` in one process on loopback (embedded servers): shard 1 ends with
/// the merged result in its --out and each shard's in shard-<i>/.
final class ShardResultsTests: XCTestCase {
    func testShardOneWritesEveryShardAndTheMergedResult() async throws {
        let root = try CLITestSupport.temporaryDirectory()
        let port = 17_000 + Int.random(in: 0..<2_000)
        let codes = try await withThrowingTaskGroup(of: (Int, Int32).self) { tasks in
            for shard in 1...3 {
                tasks.addTask { (shard, try await Self.runShard(shard, port: port, root: root)) }
            }
            return try await tasks.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        XCTAssertEqual(codes, [1: 0, 2: 0, 3: 0])
        let out = root.appendingPathComponent("s1")
        for name in ["run.json", "latency.hlog", "shard-1/run.json", "shard-2/latency.hlog", "shard-3/summary.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let merged = try String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8)
        XCTAssertTrue(merged.contains("shard_start_skew_ms"), "the merged record says how far apart the shards started")
    }

    /// Shard 3 meets the others, then dies before the end: shard 1's merge keeps shard 2,
    /// names shard 3 in run.json and exits 3 (--allow-limited does not forgive it).
    func testALostShardIsNamedAndShardOneExitsThree() async throws {
        let root = try CLITestSupport.temporaryDirectory()
        let port = 19_000 + Int.random(in: 0..<2_000)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let codes = try await withThrowingTaskGroup(of: (Int, Int32).self) { tasks in
            for shard in 1...2 {
                tasks.addTask { (shard, try await Self.runShard(shard, port: port, root: root)) }
            }
            tasks.addTask {
                let configuration = BarrierParticipant.Configuration(
                    host: "127.0.0.1", port: port, shard: 3, shards: 3,
                    timeout: .seconds(20))
                // joins, and its process ends: the connection closes before any result
                _ = try await BarrierParticipant.join(configuration, group: group)
                try await group.shutdownGracefully()
                return (3, 9)
            }
            return try await tasks.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        XCTAssertEqual(codes[1], ExitCodes.limited, "the merged result lacks shard 3")
        XCTAssertEqual(codes[2], 0, "shard 2 exits with its own run's code")
        let out = root.appendingPathComponent("s1")
        let merged = try String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8)
        XCTAssertTrue(merged.contains("shard 3 of 3: its connection closed before it sent a result"), merged)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("shard-2/run.json").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("shard-3").path))
    }

    /// One shard of three of a 2 s smoke run, its --out in `root`/s<shard>; returns its exit code.
    private static func runShard(_ shard: Int, port: Int, root: URL) async throws -> Int32 {
        let arguments = [
            "smoke", "--duration", "2s", "--warmup", "0", "--sessions", "3", "--shard", "\(shard)/3",
            "--coordinator", "127.0.0.1:\(port)", "--out", root.appendingPathComponent("s\(shard)").path,
            "--quiet", "--allow-limited", "--results-timeout", "20s",
        ]
        let request = try RunRequest(command: try Run.parse(arguments))
        return try await RunExecution(request: request).execute()
    }
}
