import Foundation
import NIOPosix
import XCTest
@testable import Driver

/// After the start the barrier's connections carry each shard's result files to shard 1.
final class ShardResultsTransferTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!

    override func setUp() { group = MultiThreadedEventLoopGroup(numberOfThreads: 2) }
    override func tearDown() { try? group.syncShutdownGracefully() }

    private static func files(_ shard: Int, size: Int = 100) -> [String: Data] {
        [
            "run.json": Data("{\"shard\":\(shard)}".utf8),
            "latency.hlog": Data((0..<size).map { UInt8(truncatingIfNeeded: $0 * shard) }),
        ]
    }

    func testEveryShardsFilesArriveByteForByte() async throws {
        let meetings = try await ShardBarrierTests.meetings(3, group: group)
        // a large file too: a result line is far longer than the barrier's own 4 KB lines
        async let second: Void = meetings[1].sendResult(files: Self.files(2, size: 3_000_000), timeout: .seconds(10))
        async let third: Void = meetings[2].sendResult(files: Self.files(3), timeout: .seconds(10))
        let deliveries = await meetings[0].collectResults(timeout: .seconds(10))
        try await second
        try await third
        XCTAssertEqual(deliveries, [2: .files(Self.files(2, size: 3_000_000)), 3: .files(Self.files(3))])
        for meeting in meetings { await meeting.close() }
    }

    func testAShardThatDiesDuringTheRunIsNamedWithoutWaitingForTheTimeout() async throws {
        let meetings = try await ShardBarrierTests.meetings(3, group: group)
        try await meetings[1].sendResult(files: Self.files(2), timeout: .seconds(5))
        // shard 3's process ends: its connection closes without a result
        await meetings[2].close()
        let began = ContinuousClock.now
        let deliveries = await meetings[0].collectResults(timeout: .seconds(30))
        XCTAssertLessThan(ContinuousClock.now - began, .seconds(5), "a closed connection is an answer; no need to wait")
        XCTAssertEqual(deliveries[2], .files(Self.files(2)))
        guard case .missing(let reason) = deliveries[3] else {
            return XCTFail("shard 3 sent nothing: \(String(describing: deliveries[3]))")
        }
        XCTAssertTrue(reason.contains("connection closed before it sent a result"), reason)
        await meetings[0].close()
        await meetings[1].close()
    }

    func testASilentShardIsNamedAfterTheResultsTimeout() async throws {
        let meetings = try await ShardBarrierTests.meetings(2, group: group)
        let deliveries = await meetings[0].collectResults(timeout: .milliseconds(300))
        guard case .missing(let reason) = deliveries[2] else { return XCTFail("shard 2 never sent") }
        XCTAssertTrue(reason.contains("--results-timeout"), reason)
        // the coordinator closed the connection: the late shard is told its result was not taken
        do {
            try await meetings[1].sendResult(files: Self.files(2), timeout: .seconds(2))
            XCTFail("nobody takes the result any more")
        } catch let error as BarrierError {
            XCTAssertTrue(
                error.description.contains("could not hand this shard's result to shard 1"), error.description)
        }
        for meeting in meetings { await meeting.close() }
    }
}
