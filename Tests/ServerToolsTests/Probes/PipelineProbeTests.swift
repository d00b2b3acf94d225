import Foundation
import IMAPProtocol
import IMAPServer
import XCTest

@testable import ServerTools

final class PipelineProbeTests: XCTestCase {
    private func embeddedProbe(serial: Bool) async throws -> PipelineProbeResult {
        let server = try await ProbeTestServers.embedded {
            $0.serialProcessing = serial
            $0.delays = [DelaySpec(command: "NOOP", distribution: .constant(.milliseconds(10)))]
        }
        var configuration = PipelineProbe.Configuration(
            connection: ProbeTestServers.embeddedConnection(server),
            credentials: ProbeTestServers.embeddedUsers)
        configuration.depths = [1, 4, 8]
        configuration.sessions = 2
        configuration.warmupSeconds = 0.1
        configuration.stepSeconds = 0.5
        let result = try await PipelineProbe(configuration: configuration).run()
        try await server.stop()
        return result
    }

    func testSerialProcessingIsReportedAsSerial() async throws {
        let result = try await embeddedProbe(serial: true)
        XCTAssertEqual(result.verdict.handling, .serial, result.summary)
        XCTAssertEqual(result.verdict.lostTags, 0, result.summary)
        XCTAssertTrue(
            result.verdict.line.hasPrefix("server handles pipelined commands one by one (serial)"), result.verdict.line)
        let deepest = try XCTUnwrap(result.depths.last)
        // Ten milliseconds per command, one after the other: the 8th answer comes about 70 ms after the 1st.
        XCTAssertEqual(deepest.growthPerPositionMicros, 10_000, accuracy: 3_000, result.summary)
    }

    func testConcurrentProcessingIsReportedAsConcurrent() async throws {
        let result = try await embeddedProbe(serial: false)
        XCTAssertEqual(result.verdict.handling, .concurrent, result.summary)
        XCTAssertEqual(result.verdict.lostTags, 0, result.summary)
        let throughput = result.depths.map(\.throughputPerSecond)
        XCTAssertGreaterThan(
            throughput[2], throughput[0] * 4, "concurrent handling should scale with depth: \(result.summary)")
    }

    func testDroppedCommandsAreReportedAsLostWithoutHanging() async throws {
        let server = try await ProbeTestServers.embedded { $0.faults = [try FaultSpec.parse("drop=0.05")] }
        var configuration = PipelineProbe.Configuration(
            connection: ProbeTestServers.embeddedConnection(server),
            credentials: ProbeTestServers.embeddedUsers)
        configuration.depths = [8]
        configuration.sessions = 2
        configuration.warmupSeconds = 0
        configuration.stepSeconds = 0.5
        configuration.commandTimeoutSeconds = 0.5
        let started = Date()
        let result = try await PipelineProbe(configuration: configuration).run()
        try await server.stop()
        XCTAssertGreaterThan(result.verdict.lostTags, 0, result.summary)
        XCTAssertTrue(result.verdict.line.contains("LOSES pipelined commands"), result.verdict.line)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "a lost tag must end in a timeout, not a hang")
    }

    func testDovecotCompletesEveryDepthWithNoLostTags() async throws {
        try await ProbeTestServers.requireDovecot()
        var configuration = PipelineProbe.Configuration(
            connection: ProbeTestServers.dovecotConnection,
            credentials: ProbeTestServers.dovecotUsers(180...189))
        configuration.mix = .commands([
            NamedCommand(name: "noop", command: .noop),
            NamedCommand(name: "status", command: .status(mailbox: "INBOX", items: [.messages, .uidNext])),
            NamedCommand(name: "uid-search", command: .search(criteria: "ALL", uid: true)),
            NamedCommand(name: "uid-fetch", command: .fetch(.all, items: [.flags], uid: true)),
        ])
        configuration.sessions = 2
        configuration.warmupSeconds = 0.1
        configuration.stepSeconds = 0.3
        let result = try await PipelineProbe(configuration: configuration).run()

        XCTAssertEqual(result.depths.map(\.depth), [1, 2, 4, 8, 16, 32, 64])
        for depth in result.depths {
            XCTAssertEqual(depth.lost, 0, "depth \(depth.depth): \(depth.problems)")
            XCTAssertEqual(depth.errors, 0, "depth \(depth.depth): \(depth.problems)")
            XCTAssertGreaterThan(depth.commands, 0, "depth \(depth.depth) measured nothing: \(depth.problems)")
        }
        XCTAssertTrue(result.verdict.line.hasSuffix("no lost tags"), result.verdict.line)
    }

    func testCSVAndPlotsAreWritten() async throws {
        let result = try await embeddedProbe(serial: false)
        let path = NSTemporaryDirectory() + "pipeline-probe-\(UUID().uuidString)"
        let written = try result.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let csv = try String(contentsOf: written.directory.appendingPathComponent("pipeline.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(
            lines.first,
            "depth,sessions,command,count,rate_per_s,p50_us,p99_us,errors,lost,bursts,mean_burst_size,out_of_order_bursts,growth_per_position_us"
        )
        XCTAssertEqual(lines.filter { $0.contains(",ALL,") }.count, 3)
        for name in ["run.json", "pipeline.gp", "depths.dat", "verdict.txt"] {
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: written.directory.appendingPathComponent(name).path), name)
        }
        if written.plotNote == nil {
            for name in ["throughput.png", "latency.svg", "position.png"] {
                XCTAssertTrue(
                    FileManager.default.fileExists(atPath: written.directory.appendingPathComponent(name).path), name)
            }
        }
    }
}
