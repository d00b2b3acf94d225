import Driver
import Foundation
import IMAPClient
import IMAPServer
import NIOCore
import Workload
import XCTest

@testable import ServerTools

/// A populate ends: within the command timeout, on a stall, at the first failure when asked,
/// and at once on `stop()`; and its progress total never moves.
final class PopulatorBoundsTests: XCTestCase {
    private func configuration(
        _ server: EmbeddedIMAPServer, users: [Credential], commandTimeout: TimeAmount,
        messages: Int = 8
    ) -> Populator.Configuration {
        var connection = ProbeTestServers.embeddedConnection(server)
        connection.timeouts.command = commandTimeout
        var populate = PopulateConfiguration(messages: messages, mailboxes: ["INBOX", "Extra"])
        populate.size = SizeDistribution(median: ByteSize(1_024), sigma: 0, min: ByteSize(512), max: ByteSize(4_096))
        var configuration = Populator.Configuration(connection: connection, credentials: users, populate: populate)
        configuration.pipelineDepth = 4
        configuration.concurrentUsers = 2
        return configuration
    }

    /// A server that answers nothing: populate gives each command the connection's timeout (a
    /// run's populate gets the run's); it used to impose 60 s of its own on every command.
    func testAServerThatNeverAnswersCostsOneCommandTimeout() async throws {
        let server = try await ProbeTestServers.embedded { $0.faults = [try FaultSpec.parse("drop=1")] }
        var configuration = configuration(
            server, users: Array(ProbeTestServers.embeddedUsers.prefix(2)), commandTimeout: .milliseconds(500))
        configuration.stopAtFirstFailure = true
        let started = Date()
        let summary = try await Populator(configuration: configuration).run()
        try await server.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, summary.text)
        XCTAssertFalse(summary.isComplete)
        guard case .userFailed(let problem) = summary.stop else {
            return XCTFail("stop: \(String(describing: summary.stop))")
        }
        XCTAssertTrue(problem.contains("login"), problem)
    }

    /// Nothing moves for `stallSeconds`: the populate gives up instead of waiting one timeout per user.
    func testAStalledPopulateGivesUp() async throws {
        let server = try await ProbeTestServers.embedded { $0.faults = [try FaultSpec.parse("drop=1")] }
        var configuration = configuration(server, users: ProbeTestServers.embeddedUsers, commandTimeout: .seconds(60))
        configuration.stallSeconds = 1
        let started = Date()
        let summary = try await Populator(configuration: configuration).run()
        try await server.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, summary.text)
        XCTAssertEqual(summary.stop, .stalled(seconds: 1), summary.text)
        XCTAssertFalse(summary.isComplete)
        XCTAssertTrue(summary.text.contains("no progress for 1 s"), summary.text)
    }

    /// `stop()` (SIGINT/SIGTERM in the CLI) ends a populate at once, even with commands in flight.
    func testStopEndsAPopulateAtOnce() async throws {
        let server = try await ProbeTestServers.embedded { $0.faults = [try FaultSpec.parse("drop=1")] }
        let populator = Populator(
            configuration: configuration(server, users: ProbeTestServers.embeddedUsers, commandTimeout: .seconds(60)))
        let task = Task { try await populator.run() }
        try await Task.sleep(nanoseconds: 500_000_000)
        let started = Date()
        XCTAssertTrue(populator.stop(), "the populate was running")
        let summary = try await task.value
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, summary.text)
        XCTAssertEqual(summary.stop, .interrupted)
        XCTAssertFalse(populator.stop(), "a populate that returned is not stopped again")
        try await server.stop()
    }

    /// The first user that cannot be filled stops a populate that asks for it; no other user starts.
    func testStopAtTheFirstFailedUser() async throws {
        let server = try await ProbeTestServers.embedded { _ in }
        let users = [Credential(user: "user1", password: "wrong")] + ProbeTestServers.embeddedUsers.dropFirst()
        var configuration = configuration(server, users: users, commandTimeout: .seconds(10))
        configuration.concurrentUsers = 1
        configuration.stopAtFirstFailure = true
        let summary = try await Populator(configuration: configuration).run()
        try await server.stop()
        guard case .userFailed(let problem) = summary.stop else {
            return XCTFail("stop: \(String(describing: summary.stop))")
        }
        XCTAssertTrue(problem.hasPrefix("user1/INBOX: login as user1 failed"), problem)
        XCTAssertEqual(Set(summary.mailboxes.map(\.user)), ["user1"], "no user started after the failure")
    }

    /// The bar's total is known before the first connection and never moves; it ends full.
    func testProgressTotalNeverMoves() async throws {
        let server = try await ProbeTestServers.embedded { $0.messagesPerMailbox = 3 }
        let users = Array(ProbeTestServers.embeddedUsers.prefix(2))
        let snapshots = ProgressSnapshots()
        let summary = try await Populator(
            configuration: configuration(server, users: users, commandTimeout: .seconds(10))
        )
        .run { snapshots.add($0) }
        try await server.stop()
        XCTAssertTrue(summary.isComplete, summary.text)
        let all = snapshots.all
        XCTAssertFalse(all.isEmpty)
        XCTAssertEqual(Set(all.map(\.wanted)), [2 * 2 * 8], "the total moved")
        XCTAssertEqual(all.map(\.inPlace).max(), 2 * 2 * 8)
        XCTAssertEqual(summary.wanted, 32)
        XCTAssertEqual(summary.inPlace, 32)
    }
}

private final class ProgressSnapshots: @unchecked Sendable {
    private let lock = NSLock()
    private var snapshots: [PopulateProgress] = []
    func add(_ progress: PopulateProgress) { lock.withLock { snapshots.append(progress) } }
    var all: [PopulateProgress] { lock.withLock { snapshots } }
}
