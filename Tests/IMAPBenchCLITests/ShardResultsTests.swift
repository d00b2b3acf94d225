import ArgumentParser
import Foundation
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
                let arguments = ["smoke", "--duration", "2s", "--warmup", "0", "--sessions", "3", "--shard", "\(shard)/3",
                                 "--coordinator", "127.0.0.1:\(port)", "--out", root.appendingPathComponent("s\(shard)").path,
                                 "--quiet", "--allow-limited", "--results-timeout", "20s"]
                tasks.addTask {
                    let request = try RunRequest(command: try Run.parse(arguments))
                    return (shard, try await RunExecution(request: request).execute())
                }
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
}
