import ArgumentParser
import Foundation
@testable import IMAPBenchCLI
import XCTest

final class ProbeTimeoutTests: XCTestCase {
    func testOptionsParse() throws {
        let command = try ProbeTimeout.parse([
            "--server", "127.0.0.1:10143", "--max-wait", "45m", "--keepalive", "5m", "--out", "x",
        ])
        XCTAssertEqual(command.connection.server, "127.0.0.1:10143")
        XCTAssertEqual(command.maxWait, "45m")
        XCTAssertEqual(command.keepalive, "5m")
        XCTAssertEqual(command.out, "x")
    }

    func testHelpNamesEveryOption() {
        let help = ProbeTimeout.helpMessage()
        for option in [
            "--server", "--tls", "--insecure", "--ca-file", "--users", "--user-range", "--password-file",
            "--max-wait", "--keepalive", "--autologout", "--out",
        ] {
            XCTAssertTrue(help.contains(option), "help lacks \(option)")
        }
    }

    func testRunAgainstTheEmbeddedServerWritesTheResultsDirectory() async throws {
        let out = NSTemporaryDirectory() + "probe-timeout-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let command = try ProbeTimeout.parse([
            "--autologout", "notauth=1s,auth=1s,selected=1s,idle=1s", "--max-wait", "4s", "--keepalive", "300ms",
            "--out", out,
        ])
        try await command.run()
        let csv = try String(contentsOfFile: out + "/timeout.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n")
        XCTAssertEqual(rows.first, "state,outcome,elapsed_s,detail")
        XCTAssertEqual(rows.count, 6, csv)
        let selected = try XCTUnwrap(rows.first { $0.hasPrefix("selected,bye,") }, csv).split(separator: ",")
        XCTAssertEqual(try XCTUnwrap(Double(selected[2])), 1, accuracy: 0.1, csv)
        XCTAssertTrue(rows.contains { $0.hasPrefix("selected-noop,alive,") }, csv)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/run.json"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/timeline.gp"))
    }
}
