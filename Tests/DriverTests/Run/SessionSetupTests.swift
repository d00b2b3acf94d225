import Driver
import Foundation
import IMAPServer
import Measurement
import Workload
import XCTest

/// ENABLE and ID go out only when the server advertises them: sent anyway, the NO or BAD every
/// session gets (Courier's ID, GNU imap4d's ENABLE) was imapbench's own error rate.
final class SessionSetupTests: XCTestCase {
    private let yaml = """
        users: {pattern: "user%d", range: 1-3, password: pass}
        connection: {mailbox: INBOX, open: select, enable: [CONDSTORE], id: true}
        load: {model: closed, sessions: 3, think_time: 10ms, pipeline_depth: 1}
        phases: {duration: 1s}
        operations:
          - {type: noop, weight: 1}
        """

    func testEnableAndIDAreSkippedWhenNotAdvertised() async throws {
        let result = try await EmbeddedRun.run(yaml: yaml, server: { $0.withheldCapabilities = ["ENABLE", "ID"] })
        XCTAssertEqual(commands(result, "ENABLE"), 0, "ENABLE sent to a server that does not advertise it")
        XCTAssertEqual(commands(result, "ID"), 0, "ID sent to a server that does not advertise it")
        XCTAssertGreaterThan(commands(result, "NOOP"), 0, "the sessions ran")
        let skipped = result.intervals.flatMap(\.skipped)
        let enable = skipped.filter { $0.operation == "enable" && $0.reason == "the server does not advertise ENABLE" }
        let id = skipped.filter { $0.operation == "id" && $0.reason == "the server does not advertise ID" }
        XCTAssertGreaterThanOrEqual(enable.reduce(0) { $0 + $1.count }, 3, "one skip per session: \(skipped)")
        XCTAssertGreaterThanOrEqual(id.reduce(0) { $0 + $1.count }, 3, "one skip per session: \(skipped)")
    }

    func testEnableAndIDAreSentWhenAdvertised() async throws {
        let result = try await EmbeddedRun.run(yaml: yaml)
        XCTAssertGreaterThanOrEqual(commands(result, "ENABLE"), 3)
        XCTAssertGreaterThanOrEqual(commands(result, "ID"), 3)
        XCTAssertTrue(result.intervals.flatMap(\.skipped).filter { ["enable", "id"].contains($0.operation) }.isEmpty)
    }

    /// Every completed command of `kind`, any phase, any outcome.
    private func commands(_ result: RunResult, _ kind: String) -> UInt64 {
        RunAnalysis(result).histogram(
            where: { $0.group == .command && $0.metric == .response && $0.name == kind },
            in: RunAnalysis(result).runSeries
        ).totalCount
    }
}
