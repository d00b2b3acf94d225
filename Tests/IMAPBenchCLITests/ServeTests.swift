import ArgumentParser
import IMAPServer
import XCTest

@testable import IMAPBenchCLI

/// `imapbench serve`: options map to the server configuration, help text stays as written.
final class ServeTests: XCTestCase {
    func testOptionsBuildTheConfiguration() throws {
        let serve = try Serve.parse([
            "--port", "0", "--tls-port", "0", "--users", "7", "--messages", "3", "--delay", "5ms",
            "--delay", "FETCH=uniform:1ms-5ms", "--autologout", "auth=10s,mode=close", "--fault", "bye=0.01",
            "--fault", "drop=0.5", "--stall", "10s:2s", "--serial", "--precise-delays", "--seed", "42", "--threads",
            "2",
        ])
        let configuration = try serve.makeConfiguration()
        XCTAssertEqual(configuration.port, 0)
        XCTAssertEqual(configuration.tlsPort, 0)
        XCTAssertEqual(configuration.users, 7)
        XCTAssertEqual(configuration.messagesPerMailbox, 3)
        XCTAssertEqual(
            configuration.delays, [try DelaySpec.parse("5ms"), try DelaySpec.parse("FETCH=uniform:1ms-5ms")])
        XCTAssertEqual(configuration.autologout, AutologoutSpec(authenticated: .seconds(10), mode: .silentClose))
        XCTAssertEqual(configuration.faults.map(\.kind), [.bye, .drop])
        XCTAssertEqual(configuration.stalls, [StallSpec(at: .seconds(10), duration: .seconds(2))])
        XCTAssertTrue(configuration.serialProcessing)
        XCTAssertTrue(configuration.preciseDelays)
        XCTAssertEqual(configuration.seed, 42)
        XCTAssertEqual(configuration.threads, 2)
        XCTAssertEqual(configuration.password, "pass")
    }

    func testDefaultsAndPasswordFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("serve-password-\(UUID().uuidString)")
        try "s3cret\nignored\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try Serve.parse(["--password-file", file.path]).makeConfiguration()
        XCTAssertEqual(configuration.password, "s3cret")
        XCTAssertEqual(configuration.port, 10143)
        XCTAssertEqual(configuration.users, 100)
        XCTAssertNil(configuration.tlsPort)
        XCTAssertFalse(configuration.preciseDelays, "busy-waiting costs CPU: only on request")
        XCTAssertThrowsError(try Serve.parse(["--password-file", "/nonexistent/file"]).makeConfiguration())
    }

    func testStartupLinesNameEveryListener() async throws {
        let serve = try Serve.parse(["--port", "0", "--users", "3", "--stall-on-signal", "2s"])
        XCTAssertEqual(serve.stallOnSignal, .seconds(2))
        var configuration = try serve.makeConfiguration()
        configuration.startTLS = false
        let server = try await EmbeddedIMAPServer.start(configuration)
        let lines = serve.startupLines(server)
        try await server.stop()
        XCTAssertEqual(
            lines.first, "imapbench serve: IMAP on 127.0.0.1:\(server.port), users user1..user3, password pass")
    }

    /// `serve` reads durations with the grammar `run` uses: `1d` works in both.
    func testServeAcceptsEveryDurationRunAccepts() throws {
        XCTAssertEqual(try Serve.parse(["--stall-on-signal", "1d"]).stallOnSignal, .seconds(86_400))
        XCTAssertEqual(
            try Serve.parse(["--stall", "1d:250us"]).stalls,
            [StallSpec(at: .seconds(86_400), duration: .microseconds(250))])
        XCTAssertEqual(
            try RunRequest(command: try Run.parse(["smoke", "--duration", "1d"])).profile.phases.duration.seconds,
            86_400)
    }

    /// A text one command refuses, the other refuses with the same words.
    func testServeAndRunRefuseBadDurationsAlike() throws {
        for bad in ["-5s", "1e3s", "5", "2w", "ten"] {
            let runMessage = Self.message { _ = try RunRequest(command: try Run.parse(["smoke", "--duration", bad])) }
            let serveMessage = Self.message { _ = try Serve.parse(["--stall-on-signal=\(bad)"]) }
            let expected = "'\(bad)' is not a duration (expected a number and a unit: 500ms, 30s, 5m, 1h, 1.5s)"
            XCTAssertTrue(runMessage.contains(expected), "run --duration \(bad): \(runMessage)")
            XCTAssertTrue(serveMessage.contains(expected), "serve --stall-on-signal \(bad): \(serveMessage)")
        }
    }

    /// The text a person would see for the error `body` throws (empty when it throws none).
    private static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return Serve.message(for: error) }
        return ""
    }

    func testBadSpecsAreRejectedWithTheirGrammar() {
        XCTAssertThrowsError(try Serve.parse(["--delay", "FETCH=soon"]))
        XCTAssertThrowsError(try Serve.parse(["--fault", "explode=1"]))
        XCTAssertThrowsError(try Serve.parse(["--stall", "10s"]))
        // parse() runs validate(): a wrapped port or an empty user list never starts a server
        for bad in [["--port", "70000"], ["--tls-port", "-1"], ["--users", "0"], ["--threads", "0"]] {
            XCTAssertThrowsError(try Serve.parse(bad), "\(bad)")
        }
    }

    func testHelpTextWordForWord() {
        let help = Serve.helpMessage(columns: 400)
        let expectedLines = [
            "  --users <users>         Number of users, named user1..userN. Example: --users 100 (default: 100)",
            "  --fault <fault>         Inject a fault with a probability: bye, disconnect, malformed, drop, drop-after-login, or a consistency fault (lose-flags, change-uid, shrink-exists, change-uidvalidity, wrong-size, unannounced-keyword, miss-expunge, search-miss, recent-twice); repeatable. Example: --fault bye=0.01",
            "  --stall <stall>         Stop answering at a time after start for a duration; repeatable. Example: --stall 10s:2s",
            "  --serial                Process pipelined commands one at a time per connection instead of concurrently. Example: --serial",
        ]
        let lines = help.split(separator: "\n").map(String.init)
        for expected in expectedLines {
            XCTAssertTrue(lines.contains(expected), "missing help line: \(expected)\n\(help)")
        }
        XCTAssertEqual(Serve.configuration.commandName, "serve")
    }
}

final class ServeRunDispatchTests: XCTestCase {
    /// `run()` must be the async one of `Serve` (not the help-printing default) through the protocol.
    func testRunIsReachedThroughAsyncParsableCommand() async throws {
        var command: any AsyncParsableCommand = try Serve.parse(["--password-file", "/nonexistent/password"])
        do {
            try await command.run()
            XCTFail("run should fail on a missing password file")
        } catch {
            XCTAssertTrue(error is ValidationError, "got \(type(of: error)): \(error)")
        }
    }

    /// The way a root command runs it: parsed as a subcommand, run through the async protocol.
    func testRunIsReachedAsASubcommand() async throws {
        struct Root: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "imapbench", subcommands: [Serve.self])
        }
        let parsed = try await Root.asyncParseAsRoot(["serve", "--password-file", "/nonexistent/password"])
        guard var command = parsed as? AsyncParsableCommand else { return XCTFail("serve is not async") }
        do {
            try await command.run()
            XCTFail("run should fail on a missing password file")
        } catch {
            XCTAssertTrue(error is ValidationError, "got \(type(of: error)): \(error)")
        }
    }
}
