import ArgumentParser
import Foundation
import IMAPServer
@testable import IMAPBenchCLI
import XCTest

final class PopulateTests: XCTestCase {
    func testFlagsOverrideTheDefaults() throws {
        let command = try Populate.parse([
            "--messages", "7", "--mailbox", "INBOX", "--mailbox", "Archive", "--size-median", "4KB",
            "--size-sigma", "0",
        ])
        let section = try command.populateSection()
        XCTAssertEqual(section.messages, 7)
        XCTAssertEqual(section.mailboxes, ["INBOX", "Archive"])
        XCTAssertEqual(section.size.median.bytes, 4_096)
        XCTAssertEqual(section.size.sigma, 0)
    }

    func testNegativeMessagesAreRejected() throws {
        let command = try Populate.parse(["--messages=-1"])
        XCTAssertThrowsError(try command.populateSection())
    }

    func testRunAgainstTheEmbeddedServer() async throws {
        let command = try Populate.parse([
            "--messages", "3", "--mailbox", "Fresh", "--user-range", "1-2", "--size-median", "1KB",
        ])
        try await command.run()  // throws ExitCode(1) unless every mailbox reached 3
    }

    /// SIGTERM ends `populate` at once with exit 130, even while every command waits on a silent server.
    func testSIGTERMEndsAPopulateAtOnce() async throws {
        var configuration = ServerConfiguration()
        configuration.faults = [try FaultSpec.parse("drop=1")]
        configuration.threads = 1
        let server = try await EmbeddedIMAPServer.start(configuration)
        let password = try CLITestSupport.temporaryDirectory().appendingPathComponent("password").path
        try "pass\n".write(toFile: password, atomically: true, encoding: .utf8)
        let started = Date()
        let run = try CLITestSupport.run(
            [
                "populate", "--server", "127.0.0.1:\(server.port)", "--password-file", password,
                "--user-range", "1-4", "--messages", "5",
            ],
            interruptAfter: 1.5, signal: SIGTERM, timeout: 30)
        try await server.stop()
        XCTAssertEqual(run.status, ExitCodes.interrupted, run.stderr)
        XCTAssertTrue(run.stdout.contains("stopped early: interrupted by a signal"), run.stdout)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }
}
