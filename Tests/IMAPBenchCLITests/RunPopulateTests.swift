import Foundation
import IMAPServer
import XCTest

@testable import IMAPBenchCLI

/// The populate a profile asks for before `run`: skippable, interruptible, and bounded.
final class RunPopulateTests: XCTestCase {
    /// SIGTERM during the populate exits 130 at once and says the populate was interrupted; it
    /// used to kill the process (exit 143, no message) after minutes of populating.
    func testSIGTERMDuringPopulateExits130AndSaysSo() async throws {
        let server = try await EmbeddedIMAPServer.start(Self.droppingEverything())
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("populate-interrupted").path
        let started = Date()
        let run = try CLITestSupport.run(
            [
                "run", "pipeline-max", "--server", "127.0.0.1:\(server.port)", "--duration", "2s",
                "--out", out, "--quiet",
            ], interruptAfter: 2, signal: SIGTERM, timeout: 30)
        try await server.stop()
        XCTAssertEqual(run.status, ExitCodes.interrupted, run.stderr)
        XCTAssertTrue(run.stderr.contains("populate interrupted"), run.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 15, "the stop should not wait for a command timeout")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(out)/run.json"), "no run started, so no results")
    }

    /// A populate that cannot finish fails the run with a message that says how to go on, after one
    /// command timeout (the run's), not one per user.
    func testAPopulateThatCannotFinishFailsTheRunClearly() async throws {
        var configuration = ServerConfiguration()
        configuration.password = "other"  // every LOGIN is refused
        let server = try await EmbeddedIMAPServer.start(configuration)
        let run = try CLITestSupport.run(
            [
                "run", "pipeline-max", "--server", "127.0.0.1:\(server.port)", "--duration", "1s",
                "--out", try CLITestSupport.temporaryDirectory().appendingPathComponent("x").path,
                "--quiet",
            ], timeout: 60)
        try await server.stop()
        XCTAssertEqual(run.status, ExitCodes.failure, run.stderr)
        XCTAssertTrue(run.stderr.contains("populate did not finish"), run.stderr)
        XCTAssertTrue(run.stderr.contains("--no-populate"), run.stderr)
    }

    /// `--no-populate` skips the profile's populate: section and says so.
    func testNoPopulateSkipsThePopulate() throws {
        let out = try CLITestSupport.temporaryDirectory().appendingPathComponent("no-populate").path
        let run = try CLITestSupport.run([
            "run", "pipeline-max", "--no-populate", "--duration", "1s", "--sessions", "2",
            "--out", out, "--quiet", "--allow-limited",
        ])  // pipeline-max may saturate a debug build: exit 3
        XCTAssertEqual(run.status, ExitCodes.success, run.stderr)
        XCTAssertTrue(run.stderr.contains("populate: skipped (--no-populate)"), run.stderr)
        XCTAssertFalse(run.stderr.contains("populating"), run.stderr)
    }

    private static func droppingEverything() throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.faults = [try FaultSpec.parse("drop=1")]
        configuration.threads = 1
        return configuration
    }
}
