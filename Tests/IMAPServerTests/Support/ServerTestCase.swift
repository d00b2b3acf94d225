import XCTest

@testable import IMAPServer

/// Starts one embedded server per test with a small configuration and logs in on request.
class ServerTestCase: XCTestCase {
    var server: EmbeddedIMAPServer?

    func startServer(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> EmbeddedIMAPServer {
        var configuration = ServerConfiguration()
        configuration.users = 5
        configuration.messagesPerMailbox = 10
        configuration.threads = 2
        configuration.startTLS = false
        configure(&configuration)
        let started = try await EmbeddedIMAPServer.start(configuration)
        server = started
        return started
    }

    override func tearDown() async throws {
        try await server?.stop()
        server = nil
    }

    /// A connection past the greeting, logged in as `user`, optionally with INBOX selected.
    func connect(
        _ server: EmbeddedIMAPServer, user: String = "user1", select: Bool = false
    ) throws -> TestIMAPConnection {
        let connection = try TestIMAPConnection(port: server.port)
        let greeting = try connection.readLine()
        XCTAssertTrue(greeting.hasPrefix("* OK"), greeting)
        let login = try connection.command("l1", "LOGIN \(user) pass")
        XCTAssertTrue(login.last?.hasPrefix("l1 OK") ?? false, "\(login)")
        if select {
            let selected = try connection.command("s1", "SELECT INBOX")
            XCTAssertTrue(selected.last?.hasPrefix("s1 OK") ?? false, "\(selected)")
        }
        return connection
    }
}

func XCTAssertTagged(_ lines: [String], _ prefix: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(lines.last?.hasPrefix(prefix) ?? false, "expected \(prefix), got \(lines)", file: file, line: line)
}
