import Foundation
import IMAPServer
import XCTest

@testable import IMAPBenchCLI

/// Errors a person can act on: the address, the user name, the server's own words, once.
final class RunErrorMessagesTests: XCTestCase {
    /// NIO's "connection reset (error set): Connection refused) (errno: 111)" becomes words with the address.
    func testARefusedConnectionNamesTheAddress() throws {
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("refused").path
        let run = try CLITestSupport.run(["run", "smoke", "--server", "127.0.0.1:1", "--duration", "1s", "--out", out])
        XCTAssertTrue(run.stderr.contains("connection refused by 127.0.0.1:1: nothing listens there?"), run.stderr)
        XCTAssertFalse(run.stderr.contains("errno"), run.stderr)
        // the live progress line shows it as it happens, not only the summary
        XCTAssertTrue(
            run.stderr.contains("connects failed: could not connect: connection refused by 127.0.0.1:1"), run.stderr)
    }

    /// A wrong password: the user name and the server's NO, once; the summary breaks errors down
    /// by outcome; the protocol log keeps the user name and hides the password.
    func testAWrongPasswordNamesTheUserAndTheServersAnswer() async throws {
        var configuration = ServerConfiguration()
        configuration.password = "other"
        configuration.threads = 1
        let server = try await EmbeddedIMAPServer.start(configuration)
        let directory = try CLITestSupport.temporaryDirectory()
        let log = directory.appendingPathComponent("protocol.log").path
        let run = try CLITestSupport.run([
            "run", "smoke", "--server", "127.0.0.1:\(server.port)", "--duration", "1s",
            "--out", directory.appendingPathComponent("run").path, "--protocol-log", log, "--quiet",
        ])
        try await server.stop()
        let refusals = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("login refused") }
        XCTAssertEqual(refusals.count, 1, run.stderr)
        XCTAssertTrue(refusals.first?.contains("(first for user") == true, run.stderr)
        XCTAssertTrue(
            refusals.first?.hasSuffix("NO [AUTHENTICATIONFAILED] invalid user name or password") == true, run.stderr)
        XCTAssertTrue(run.stdout.contains("errors by outcome: LOGIN no="), run.stdout)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertTrue(text.contains("LOGIN \"user"), "the user name belongs in the protocol log")
        XCTAssertFalse(
            text.contains(" pass\r") || text.contains(" pass\n") || text.contains("\"pass\""), "the password leaked")
    }

    /// `serve` on a port already taken says so, instead of "bind(descriptor:ptr:bytes:): Address already in use".
    func testServeOnAPortInUseSaysSo() async throws {
        let server = try await EmbeddedIMAPServer.start(ServerConfiguration())
        let run = try CLITestSupport.run(["serve", "--port", "\(server.port)"], timeout: 30)
        try await server.stop()
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("port \(server.port) is already in use on 127.0.0.1"), run.stderr)
        XCTAssertFalse(run.stderr.contains("errno"), run.stderr)
    }

    /// ENABLE and ID not advertised: said once on the console and noted in run.json.
    func testMissingCapabilitiesAreSaidOnceAndNoted() async throws {
        var configuration = ServerConfiguration()
        configuration.withheldCapabilities = ["ENABLE", "ID"]
        configuration.threads = 1
        let server = try await EmbeddedIMAPServer.start(configuration)
        let directory = try CLITestSupport.temporaryDirectory()
        let profile = directory.appendingPathComponent("setup.yaml").path
        try """
        users: {pattern: "user%d", range: 1-4, password: pass}
        connection: {mailbox: INBOX, open: select, enable: [CONDSTORE], id: true}
        load: {model: closed, sessions: 4, think_time: 10ms, pipeline_depth: 1}
        phases: {duration: 1s}
        operations:
          - {type: noop, weight: 1}
        """.write(toFile: profile, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("run").path
        let run = try CLITestSupport.run([
            "run", profile, "--server", "127.0.0.1:\(server.port)", "--out", out, "--quiet", "--allow-limited",
        ])
        try await server.stop()
        XCTAssertEqual(run.status, ExitCodes.success, run.stderr)
        XCTAssertEqual(run.stderr.components(separatedBy: "does not advertise ENABLE").count - 1, 1, run.stderr)
        XCTAssertEqual(run.stderr.components(separatedBy: "does not advertise ID").count - 1, 1, run.stderr)
        let json = try String(contentsOfFile: "\(out)/run.json", encoding: .utf8)
        XCTAssertTrue(json.contains("skipped_enable"), "run.json notes")
        XCTAssertTrue(json.contains("skipped_id"), "run.json notes")
    }
}
