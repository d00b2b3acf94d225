import Driver
import Foundation
import IMAPClient
import IMAPServer
import NIOCore
import NIOPosix
import Workload
import XCTest

@testable import ServerTools

final class PopulatorTests: XCTestCase {
    private func configuration(
        _ connection: ConnectionConfiguration, _ users: [Credential],
        mailboxes: [String], messages: Int
    ) -> Populator.Configuration {
        var populate = PopulateConfiguration(messages: messages, mailboxes: mailboxes)
        populate.size = SizeDistribution(median: ByteSize(2_048), sigma: 0.5, min: ByteSize(512), max: ByteSize(16_384))
        var configuration = Populator.Configuration(connection: connection, credentials: users, populate: populate)
        configuration.pipelineDepth = 4
        configuration.concurrentUsers = 2
        return configuration
    }

    /// Runs populate twice and checks that every mailbox holds exactly `messages` both times.
    private func populateTwice(
        _ configuration: Populator.Configuration, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let target = configuration.populate.messages
        let first = try await Populator(configuration: configuration).run()
        XCTAssertTrue(first.isComplete, first.text, file: file, line: line)
        for mailbox in first.mailboxes {
            XCTAssertEqual(mailbox.after, target, "first run \(mailbox)", file: file, line: line)
            XCTAssertEqual(
                mailbox.appended, target - min(target, mailbox.before), "first run \(mailbox)", file: file, line: line)
        }
        let second = try await Populator(configuration: configuration).run()
        XCTAssertEqual(second.appended, 0, second.text, file: file, line: line)
        for mailbox in second.mailboxes {
            XCTAssertEqual(mailbox.before, target, "second run \(mailbox)", file: file, line: line)
            XCTAssertEqual(mailbox.after, target, "second run \(mailbox)", file: file, line: line)
        }
    }

    func testEmbeddedServerIsToppedUpNeverDuplicated() async throws {
        let server = try await ProbeTestServers.embedded { $0.messagesPerMailbox = 5 }
        let configuration = configuration(
            ProbeTestServers.embeddedConnection(server), Array(ProbeTestServers.embeddedUsers.prefix(2)),
            mailboxes: ["INBOX", "Filled"], messages: 8)
        try await populateTwice(configuration)
        try await server.stop()
    }

    func testDovecotUserIsBroughtToExactlyNTwiceInARow() async throws {
        try await ProbeTestServers.requireDovecot()
        let users = ProbeTestServers.dovecotUsers(195...196)
        let mailbox = "imapbench-populate"
        try await deleteMailbox(mailbox, users: users)
        try await populateTwice(
            configuration(ProbeTestServers.dovecotConnection, users, mailboxes: [mailbox], messages: 12))
        try await deleteMailbox(mailbox, users: users)
    }

    func testProgressLine() {
        let progress = PopulateProgress(
            users: 4, usersDone: 1, wanted: 200, inPlace: 50, appended: 30, bytes: 2_500_000, seconds: 2)
        XCTAssertEqual(
            progress.line(barWidth: 8), "[##......] 50/200 msgs in place  30 appended  2.5 MB  15 msg/s  users 1/4")
    }

    /// Starts from an empty mailbox so "exactly N" does not depend on earlier runs.
    private func deleteMailbox(_ mailbox: String, users: [Credential]) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        for user in users {
            let connection = try await IMAPConnection.connect(ProbeTestServers.dovecotConnection, on: group.next())
                .get()
            let login = try await connection.login(user: user.user, password: user.password, method: .login).get()
            XCTAssertEqual(login.outcome, .ok, login.text)
            _ = try await connection.send(.delete(mailbox: mailbox)).get()
            _ = try await connection.send(.logout).get()
            connection.closeAbruptly()
        }
    }
}
