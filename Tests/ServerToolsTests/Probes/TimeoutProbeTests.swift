import Foundation
import IMAPServer
import XCTest

@testable import ServerTools

/// The timeout probe against the embedded server with short autologout timers.
final class TimeoutProbeTests: XCTestCase {
    func testFindsEachStateTimerWithinTenPercentAndTheByeText() async throws {
        let server = try await ProbeTestServers.embedded {
            $0.autologout = try AutologoutSpec.parse("notauth=2s,auth=3s,selected=3s,idle=4s,mode=bye")
        }
        var configuration = TimeoutProbe.Configuration(
            connection: ProbeTestServers.embeddedConnection(server),
            credentials: ProbeTestServers.embeddedUsers)
        configuration.maxWaitSeconds = 10
        configuration.keepAliveSeconds = 1
        let started = Date()
        let result = try await TimeoutProbe(configuration: configuration).run()
        try await server.stop()

        let expected: [(TimeoutProbeState, Double)] = [
            (.notAuthenticated, 2), (.authenticated, 3), (.selected, 3), (.idle, 4),
        ]
        for (state, seconds) in expected {
            let finding = try XCTUnwrap(result.finding(for: state), "no finding for \(state)")
            XCTAssertEqual(finding.outcome, .bye, "\(state): \(finding.detail)")
            XCTAssertEqual(finding.elapsedSeconds, seconds, accuracy: seconds * 0.1, "\(state)")
            XCTAssertEqual(finding.detail, "autologout; idle for too long", "\(state)")
        }
        let keepAlive = try XCTUnwrap(result.finding(for: .keepAlive))
        XCTAssertEqual(keepAlive.outcome, .alive, keepAlive.detail)
        XCTAssertLessThan(Date().timeIntervalSince(started), 9, "the probe must finish once every state concluded")
        XCTAssertTrue(result.verdicts[0].contains("VIOLATED"), result.verdicts[0])
        XCTAssertTrue(
            result.verdicts.contains { $0.hasPrefix("keep-alive: NOOP every 1.0s keeps a session alive") },
            "\(result.verdicts)")
    }

    func testSilentCloseAndAliveAtMaxWait() async throws {
        let server = try await ProbeTestServers.embedded {
            $0.autologout = try AutologoutSpec.parse("notauth=1s,mode=close")
        }
        var configuration = TimeoutProbe.Configuration(
            connection: ProbeTestServers.embeddedConnection(server),
            credentials: ProbeTestServers.embeddedUsers)
        configuration.maxWaitSeconds = 2
        configuration.states = [.notAuthenticated, .selected]
        let result = try await TimeoutProbe(configuration: configuration).run()
        try await server.stop()

        let silent = try XCTUnwrap(result.finding(for: .notAuthenticated))
        XCTAssertEqual(silent.outcome, .close)
        XCTAssertEqual(silent.elapsedSeconds, 1, accuracy: 0.1)
        let selected = try XCTUnwrap(result.finding(for: .selected))
        XCTAssertEqual(selected.outcome, .alive)
        XCTAssertEqual(selected.elapsedSeconds, 2, accuracy: 0.2)
        XCTAssertTrue(result.verdicts[0].contains("not determined"), result.verdicts[0])
    }

    func testWritesCSVRunJSONAndTimeline() throws {
        let findings = [
            TimeoutFinding(
                state: .notAuthenticated, outcome: .bye, elapsedSeconds: 60.25, detail: "Disconnected, for inactivity"),
            TimeoutFinding(state: .selected, outcome: .alive, elapsedSeconds: 1860, detail: "alive at --max-wait 31m"),
        ]
        var result = try JSONDecoder().decode(TimeoutProbeResult.self, from: Data(Self.sampleJSON.utf8))
        result = TimeoutProbeResult(
            configuration: result.configuration, startWall: Date(), endWall: Date(), findings: findings)
        let path = NSTemporaryDirectory() + "timeout-probe-\(UUID().uuidString)"
        let written = try result.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let csv = try String(contentsOf: written.directory.appendingPathComponent("timeout.csv"), encoding: .utf8)
        XCTAssertEqual(
            csv,
            """
            state,outcome,elapsed_s,detail
            not-authenticated,bye,60.250,"Disconnected, for inactivity"
            selected,alive,1860.000,alive at --max-wait 31m

            """)
        let json = try Data(contentsOf: written.directory.appendingPathComponent("run.json"))
        XCTAssertEqual(try JSONDecoder.iso8601.decode(TimeoutProbeResult.self, from: json).findings, findings)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: written.directory.appendingPathComponent("timeline.gp").path))
        if written.plotNote == nil {
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: written.directory.appendingPathComponent("timeline.png").path))
        }
    }

    static let sampleJSON = """
        {"kind":"probe-timeout","configuration":{"host":"h","port":1,"users":["u"],"mailbox":"INBOX","maxWaitSeconds":1860,
        "keepAliveSeconds":60},"startWall":0,"endWall":0,"findings":[],"verdicts":[]}
        """
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
