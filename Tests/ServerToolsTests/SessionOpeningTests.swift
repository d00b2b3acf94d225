import Driver
import IMAPClient
import NIOPosix
import XCTest

@testable import ServerTools

/// The tools' one connect -> log in -> select path: each refused step says which, and why.
final class SessionOpeningTests: XCTestCase {
    func testASessionOpensAndHasItsMailboxSelected() async throws {
        let server = try await ProbeTestServers.embedded { _ in }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let result = await SessionOpening.open(
            ProbeTestServers.embeddedConnection(server), as: Credential(user: "user1", password: "pass"),
            method: .login, select: "INBOX", on: group.next())
        let connection = try result.get()
        let exists = await connection.selectedMessageCount()
        XCTAssertEqual(exists, 5)
        connection.closeAbruptly()
        try await server.stop()
        try await group.shutdownGracefully()
    }

    func testEachRefusedStepIsNamed() async throws {
        let server = try await ProbeTestServers.embedded { _ in }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let configuration = ProbeTestServers.embeddedConnection(server)
        let wrongPassword = await SessionOpening.open(
            configuration, as: Credential(user: "user1", password: "nope"), method: .login, select: "INBOX",
            on: group.next())
        guard case .failure(let login) = wrongPassword else { return XCTFail("a wrong password logged in") }
        XCTAssertTrue(login.text.hasPrefix("login as user1 failed (no)"), login.text)

        let noMailbox = await SessionOpening.open(
            configuration, as: Credential(user: "user1", password: "pass"), method: .plain, select: "Nowhere",
            on: group.next())
        guard case .failure(let select) = noMailbox else { return XCTFail("a missing mailbox was selected") }
        XCTAssertTrue(select.text.hasPrefix("SELECT Nowhere failed (no)"), select.text)
        try await server.stop()

        let closed = await SessionOpening.connect(configuration, on: group.next())
        guard case .failure(let connect) = closed else { return XCTFail("connected to a stopped server") }
        XCTAssertTrue(connect.text.hasPrefix("connect failed: "), connect.text)
        try await group.shutdownGracefully()
    }

    func testNoAnswerIsSaidAsSuch() {
        XCTAssertEqual(SessionOpening.refusal(nil, "SELECT INBOX")?.text, "SELECT INBOX did not complete")
    }
}
