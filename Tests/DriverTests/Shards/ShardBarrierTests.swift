import NIOCore
import NIOPosix
import Workload
import XCTest
@testable import Driver

/// Three shards meeting in one process on loopback.
final class ShardBarrierTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!

    override func setUp() { group = MultiThreadedEventLoopGroup(numberOfThreads: 2) }
    override func tearDown() { try? group.syncShutdownGracefully() }

    private func coordinator(shards: Int, timeout: Duration) async throws -> BarrierCoordinator {
        var configuration = BarrierCoordinator.Configuration(
            host: "127.0.0.1", port: 0, shards: shards, timeout: timeout)
        configuration.startDelay = .milliseconds(300)
        return try await BarrierCoordinator.listen(configuration, group: group)
    }

    private static func participant(
        _ shard: Int, of shards: Int, port: Int, timeout: Duration = .seconds(5),
        clock: WallClock = .system
    ) -> BarrierParticipant.Configuration {
        var configuration = BarrierParticipant.Configuration(
            host: "127.0.0.1", port: port, shard: shard, shards: shards,
            timeout: timeout)
        configuration.clock = clock
        configuration.retryInterval = .milliseconds(20)
        return configuration
    }

    func testThreeShardsAgreeOnOneStartWithNoOffsetOnOneMachine() async throws {
        let coordinator = try await coordinator(shards: 3, timeout: .seconds(5))
        let group = self.group!
        async let second = BarrierParticipant.waitForStart(
            Self.participant(2, of: 3, port: coordinator.port), group: group)
        async let third = BarrierParticipant.waitForStart(
            Self.participant(3, of: 3, port: coordinator.port), group: group)
        let starts = try await [coordinator.startTime(), second, third]
        XCTAssertEqual(Set(starts.map(\.startTime)).count, 1, "one start time for everyone")
        XCTAssertEqual(starts.map(\.shard), [1, 2, 3])
        XCTAssertGreaterThan(starts[0].startTime, WallClock.system.now() - 0.3, "the start is put in the future")
        for start in starts {
            XCTAssertEqual(start.clockOffset, 0, accuracy: 0.05, "shard \(start.shard): same machine, same clock")
            XCTAssertLessThan(start.roundTrip, 0.1)
        }
    }

    func testASkewedShardMeasuresItsOffsetAndStartsAtTheSameRealTime() async throws {
        let coordinator = try await coordinator(shards: 2, timeout: .seconds(5))
        // this shard's clock is 5 s ahead of the coordinator's
        let ahead = WallClock.system.skewed(by: 5)
        let group = self.group!
        async let joined = BarrierParticipant.waitForStart(
            Self.participant(2, of: 2, port: coordinator.port, clock: ahead), group: group)
        let (first, second) = try await (coordinator.startTime(), joined)
        XCTAssertEqual(second.clockOffset, -5, accuracy: 0.05)
        XCTAssertEqual(
            second.localStartTime - 5, first.localStartTime, accuracy: 0.05,
            "on the coordinator's clock both start at the same moment")
    }

    func testTheRunIsRefusedNamingTheShardThatNeverCame() async throws {
        let coordinator = try await coordinator(shards: 3, timeout: .milliseconds(500))
        let group = self.group!
        async let second = BarrierParticipant.waitForStart(
            Self.participant(2, of: 3, port: coordinator.port), group: group)
        do {
            _ = try await coordinator.startTime()
            XCTFail("shard 3 never came: the barrier must fail")
        } catch let error as BarrierError {
            XCTAssertEqual(error, .missingShards([3], of: 3, after: .milliseconds(500)))
            XCTAssertTrue(error.description.contains("still no shard 3 of 3"), error.description)
        }
        do {
            _ = try await second
            XCTFail("the waiting shard must be told")
        } catch let error as BarrierError {
            XCTAssertTrue(error.description.contains("no shard 3"), error.description)
        }
    }

    func testAShardGivesUpWhenTheCoordinatorNeverListens() async throws {
        let port = try await Self.unusedPort(group: group)
        do {
            _ = try await BarrierParticipant.waitForStart(
                Self.participant(2, of: 2, port: port, timeout: .milliseconds(300)), group: group)
            XCTFail("nobody listens")
        } catch let error as BarrierError {
            XCTAssertTrue(
                error.description.contains("could not reach the coordinator 127.0.0.1:\(port)"), error.description)
        }
    }

    func testAWrongShardCountIsRefused() async throws {
        let coordinator = try await coordinator(shards: 3, timeout: .milliseconds(400))
        do {
            _ = try await BarrierParticipant.waitForStart(
                Self.participant(2, of: 4, port: coordinator.port), group: group)
            XCTFail("4 shards against a coordinator of 3")
        } catch let error as BarrierError {
            XCTAssertTrue(error.description.contains("says 4 shards, the coordinator has 3"), error.description)
        }
        // the refused shard does not count: the coordinator still misses shards 2 and 3
        do {
            _ = try await coordinator.startTime()
            XCTFail("nobody registered")
        } catch let error as BarrierError {
            XCTAssertEqual(error, .missingShards([2, 3], of: 3, after: .milliseconds(400)))
        }
    }

    /// The façade the CLI uses: three `meet()`s return after the common start, with notes for run.json.
    func testMeetWaitsUntilTheCommonStart() async throws {
        let meetings = try await Self.meetings(3, group: group)
        let starts = meetings.map(\.start)
        XCTAssertEqual(starts.count, 3)
        XCTAssertEqual(Set(starts.map(\.startTime)).count, 1)
        XCTAssertGreaterThanOrEqual(
            WallClock.system.now(), starts[0].startTime - 0.01, "meet() returns at the start, not before")
        XCTAssertNotNil(starts[0].notes[ShardStart.Note.clockOffset])
        XCTAssertEqual(meetings.map(\.isCoordinator), [true, false, false])
        for meeting in meetings { await meeting.close() }
    }

    /// `count` shards meeting through `ShardBarrier` on a free loopback port, in shard order.
    static func meetings(_ count: Int, group: EventLoopGroup) async throws -> [ShardMeeting] {
        let port = try await unusedPort(group: group)
        let meetings = try await withThrowingTaskGroup(of: ShardMeeting.self) { tasks in
            for index in 1...count {
                var configuration = ShardBarrier.Configuration(
                    host: "127.0.0.1", port: port,
                    segment: Segment(index: index, count: count)!, timeout: .seconds(5))
                configuration.startDelay = .milliseconds(300)
                tasks.addTask { try await ShardBarrier(configuration: configuration).meet() }
            }
            return try await tasks.reduce(into: []) { $0.append($1) }
        }
        return meetings.sorted { $0.start.shard < $1.start.shard }
    }

    /// A port free right now (bound, then released).
    static func unusedPort(group: EventLoopGroup) async throws -> Int {
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}
