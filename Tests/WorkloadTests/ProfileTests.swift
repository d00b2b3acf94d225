import IMAPProtocol
import Foundation
import XCTest
@testable import Workload

final class ProfileTests: XCTestCase {
    /// Run records keep the profile as JSON; it must read back as the same profile.
    func testBuiltinsRoundTripThroughJSON() throws {
        for name in ProfileLoader.builtinNames {
            let profile = try ProfileLoader.builtin(named: name)
            let json = try JSONEncoder().encode(profile)
            XCTAssertEqual(try JSONDecoder().decode(Profile.self, from: json), profile, name)
        }
    }

    func testDefaultsFillAMinimalProfile() throws {
        let profile = try ProfileLoader.load(yaml: "operations:\n  - type: noop\n", source: "min.yaml")
        XCTAssertEqual(profile.users.pattern, "user%d")
        XCTAssertEqual(profile.users.range, NumberRange(1, 100))
        XCTAssertEqual(profile.connection.tls, .none)
        XCTAssertEqual(profile.connection.mailbox, "INBOX")
        XCTAssertEqual(profile.load.model, .closed)
        XCTAssertEqual(profile.load.pipelineDepth, 1)
        XCTAssertEqual(profile.phases.duration.duration, .seconds(60))
        XCTAssertEqual(profile.operations.first?.name, "noop")
        XCTAssertEqual(profile.operations.first?.weight, 1)
    }

    func testFullProfileReadsEverySection() throws {
        let yaml = """
            description: everything
            users: {pattern: "u%d@x", range: 5-9, password_env: PW}
            connection: {tls: implicit, login: plain, enable: [CONDSTORE], id: {name: bench}, mailbox: Work, open: examine}
            load: {model: open, sessions: 40, commands_per_second: 250.5, sessions_per_second: 2, spacing: uniform, pipeline_depth: 8}
            phases: {warmup: 5s, ramp_up: 10s, duration: 1m, ramp_down: 500ms}
            session: {max_commands: 20, max_time: 2m, abrupt_disconnect: 0.1, backoff: {initial: 50ms, max: 2s, multiplier: 3}, command_timeout: 1500ms}
            operations:
              - {type: fetch, name: headers, weight: 2.5, items: [envelope], messages: {newest: 20}, uid: true}
              - {type: idle, duration: 29m}
            thresholds: ["headers.p99 < 50ms"]
            populate: {messages: 1000, mailboxes: [INBOX, Archive], size: {median: 30KB}, seen_fraction: 0.5}
            """
        let profile = try ProfileLoader.load(yaml: yaml, source: "full.yaml")
        XCTAssertEqual(profile.users.range, NumberRange(5, 9))
        XCTAssertEqual(profile.connection.id.fields, [IDField(name: "name", value: "bench")])
        XCTAssertEqual(profile.connection.open, .examine)
        XCTAssertEqual(profile.load.commandsPerSecond, 250.5)
        XCTAssertEqual(profile.load.spacing, .uniform)
        XCTAssertEqual(profile.phases.hold, .milliseconds(49_500))
        XCTAssertEqual(profile.phases.total, .seconds(65))
        XCTAssertEqual(profile.session.backoff.delay(attempt: 3), .milliseconds(450))
        XCTAssertEqual(profile.session.backoff.delay(attempt: 10), .seconds(2))
        XCTAssertEqual(profile.session.commandTimeout.duration, .milliseconds(1500))
        XCTAssertEqual(profile.operations[0].fetchItems, [.envelope])
        XCTAssertEqual(profile.operations[1].duration?.duration, .seconds(29 * 60))
        XCTAssertEqual(profile.thresholds, ["headers.p99 < 50ms"])
        XCTAssertEqual(profile.populate?.mailboxes, ["INBOX", "Archive"])
        XCTAssertEqual(profile.populate?.size.median.bytes, 30_720)
        XCTAssertEqual(profile.totalWeight, 3.5)
    }
}

extension ProfileTests {
    func testOverridesAreRechecked() throws {
        var profile = try ProfileLoader.builtin(named: "smoke")
        XCTAssertEqual(profile.overrideProblems(), [])
        profile.load.sessions = 0
        profile.phases.duration = .seconds(0.5)
        profile.phases.rampUp = .seconds(1)
        XCTAssertEqual(
            profile.overrideProblems(),
            [
                "load.sessions must be at least 1, found 0",
                "phases.ramp_up (1s) plus ramp_down (0s) is longer than duration (500ms)",
            ])
        var open = try ProfileLoader.builtin(named: "login-storm")
        XCTAssertNil(open.load.commandsPerSecondPerSession)
        open.load.commandsPerSecond = 1000
        XCTAssertEqual(open.load.commandsPerSecondPerSession, 5)
    }
}
