import ArgumentParser
import Foundation
@testable import IMAPBenchCLI
import XCTest

final class ProbePipelineTests: XCTestCase {
    func testOptionsParse() throws {
        let command = try ProbePipeline.parse([
            "webmail", "--depths", "1,8", "--sessions", "3", "--step", "2s", "--noop-only",
        ])
        XCTAssertEqual(command.profile, "webmail")
        XCTAssertEqual(command.depths, "1,8")
        XCTAssertEqual(command.sessions, 3)
        XCTAssertTrue(command.noopOnly)
    }

    func testProbeGroupHasBothSubcommands() {
        let names = Probe.configuration.subcommands.map { $0.configuration.commandName }
        XCTAssertEqual(names, ["timeout", "pipeline"])
    }

    func testSerialEmbeddedRunWritesVerdict() async throws {
        let out = NSTemporaryDirectory() + "probe-pipeline-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let command = try ProbePipeline.parse([
            "--noop-only", "--serial", "--delay", "NOOP=5ms", "--depths", "1,4", "--sessions", "1",
            "--step", "300ms", "--warmup", "100ms", "--out", out,
        ])
        try await command.run()
        let verdict = try String(contentsOfFile: out + "/verdict.txt", encoding: .utf8)
        XCTAssertTrue(verdict.hasPrefix("verdict: server handles pipelined commands one by one (serial)"), verdict)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/pipeline.csv"))
    }
}
