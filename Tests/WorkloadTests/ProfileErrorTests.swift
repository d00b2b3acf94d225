import XCTest
@testable import Workload

/// Each broken profile must be reported at the exact place, with the exact words the CLI prints.
final class ProfileErrorTests: XCTestCase {
    private func error(_ yaml: String) -> String {
        do {
            _ = try ProfileLoader.load(yaml: yaml, source: "bad.yaml")
            return "loaded without error"
        } catch {
            return error.description
        }
    }

    func testUnknownKeyIsReportedAtTheKey() {
        let yaml = """
            connection:
              tls: none
              tsl_mode: starttls
            operations:
              - type: noop
            """
        XCTAssertEqual(
            error(yaml),
            "bad.yaml:3:3: unknown key 'tsl_mode' in connection (expected one of: tls, login, enable, id, mailbox, open)"
        )
    }

    func testWrongTypeIsReportedAtTheValue() {
        let yaml = """
            load:
              sessions: many
            operations:
              - type: noop
            """
        XCTAssertEqual(error(yaml), "bad.yaml:2:13: load.sessions must be a whole number, found 'many'")
    }

    /// The command timeout is one of the profile's durations: above zero, at most the hour the
    /// histograms hold; 30 s when not given.
    func testCommandTimeoutIsCheckedAndDefaultsToThirtySeconds() throws {
        let noop = "operations:\n  - type: noop\n"
        XCTAssertEqual(
            error("session:\n  command_timeout: 0s\n" + noop),
            "bad.yaml:2:20: session.command_timeout must be above zero")
        XCTAssertEqual(
            error("session:\n  command_timeout: 2h\n" + noop),
            "bad.yaml:2:20: session.command_timeout must be at most 1h (the longest time the histograms hold), found 2h"
        )
        XCTAssertTrue(error("session:\n  command_timeout: soon\n" + noop).contains("is not a duration"))
        let plain = try ProfileLoader.load(yaml: noop, source: "ok.yaml")
        XCTAssertEqual(plain.session.commandTimeout.duration, .seconds(30))
    }

    func testZeroWeightIsRejected() {
        let yaml = """
            operations:
              - type: noop
                weight: 0
            """
        XCTAssertEqual(error(yaml), "bad.yaml:3:13: operations[0].weight must be above zero, found 0")
    }

    func testBadDurationIsRejected() {
        let yaml = """
            phases:
              duration: 10 minutes
            operations:
              - type: noop
            """
        XCTAssertEqual(
            error(yaml),
            "bad.yaml:2:13: phases.duration: '10 minutes' is not a duration (expected a number and a unit: 500ms, 30s, 5m, 1h, 1.5s)"
        )
    }

    func testParameterOfAnotherTypeIsRejected() {
        let yaml = """
            operations:
              - type: noop
                criteria: ALL
            """
        XCTAssertEqual(
            error(yaml),
            "bad.yaml:3:5: unknown key 'criteria' for an operation of type noop (expected one of: name, type, weight)")
    }

    func testUnknownEnumWordListsTheChoices() {
        let yaml = """
            connection:
              tls: ssl
            operations:
              - type: noop
            """
        XCTAssertEqual(
            error(yaml), "bad.yaml:2:8: connection.tls must be one of: none, starttls, implicit; found 'ssl'")
    }

    func testRampLongerThanRunIsRejected() {
        let yaml = """
            phases:
              duration: 10s
              ramp_up: 8s
              ramp_down: 5s
            operations:
              - type: noop
            """
        XCTAssertEqual(
            error(yaml), "bad.yaml:3:12: phases.ramp_up (8s) plus ramp_down (5s) is longer than duration (10s)")
    }

    func testRateInClosedModelIsRejected() {
        let yaml = """
            load:
              model: closed
              commands_per_second: 100
            operations:
              - type: noop
            """
        XCTAssertEqual(
            error(yaml),
            "bad.yaml:3:24: load.commands_per_second applies only to model: open (the closed model has no rate)")
    }

    func testNegativeRateIsRejected() {
        let yaml = """
            load:
              model: open
              sessions_per_second: -3
            operations:
              - type: noop
            """
        XCTAssertEqual(error(yaml), "bad.yaml:3:24: load.sessions_per_second must be a positive number, found -3")
    }

    func testMissingOperationsAndSyntaxErrorsAreLocated() {
        XCTAssertEqual(error("users:\n  pattern: u%d\n"), "bad.yaml:1:1: missing key 'operations' in the profile")
        XCTAssertTrue(error("operations: [\n").hasPrefix("bad.yaml:2:1: YAML syntax:"), error("operations: [\n"))
    }

    func testDuplicateNamesAreRejected() {
        let yaml = """
            operations:
              - type: fetch
              - type: fetch
            """
        XCTAssertEqual(
            error(yaml),
            "bad.yaml:2:3: operation name 'fetch' is used twice; give each operation of the same type its own 'name'")
    }

    func testValidateReportsUnreadableFiles() {
        let errors = ProfileLoader.validate(paths: ["/nonexistent/profile.yaml"])
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.file, "/nonexistent/profile.yaml")
    }

    func testResolvePrefersBuiltinNames() throws {
        XCTAssertEqual(try ProfileLoader.resolve("smoke").load.sessions, 4)
        XCTAssertThrowsError(try ProfileLoader.resolve("no-such-profile"))
    }
}

extension ProfileErrorTests {
    /// `check` goes on past each problem a default can stand in for, so `validate` lists them all.
    func testCheckCollectsEveryProblemInOrder() {
        let yaml = """
            connection:
              tsl: starttls
            load:
              sessions: -3
            operations:
              - type: noop
                weight: zero
              - type: fetch
                colour: blue
              - type: nosuchtype
            """
        let check = ProfileLoader.check(yaml: yaml, source: "bad.yaml")
        XCTAssertEqual(
            check.errors.map { "\($0.line):\($0.column)" }, ["2:3", "4:13", "7:13", "9:5", "10:11"],
            check.errors.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(
            check.errors.first?.description, error(yaml), "load still stops at the first problem, the same one")
    }

    func testCheckOfAGoodProfileFindsNothing() {
        let check = ProfileLoader.check(
            yaml: "operations:\n  - type: noop\nthresholds: [\"noop.p99 < 5ms\"]\n", source: "good.yaml")
        XCTAssertEqual(check.errors, [])
        XCTAssertEqual(check.profile?.operations.count, 1)
        XCTAssertEqual(check.thresholdMarks.map(\.line), [3])
    }

    /// random_items: `count` must lie within 1 and the number of items it draws from.
    func testRandomItemsCountMustFitTheList() {
        let yaml = """
            operations:
              - type: fetch
                random_items: {count: 1-3, from: [flags, envelope]}
            """
        XCTAssertEqual(
            error(yaml),
            "bad.yaml:3:27: operations[0].random_items.count must lie within 1-2 (the number of items in from), found 1-3"
        )
        let empty = """
            operations:
              - type: fetch
                random_items: {count: 1, from: []}
            """
        XCTAssertEqual(error(empty), "bad.yaml:3:36: operations[0].random_items.from must name at least one item")
        let twice = """
            operations:
              - type: fetch
                random_items: {count: 1, from: [flags, FLAGS]}
            """
        XCTAssertEqual(error(twice), "bad.yaml:3:36: operations[0].random_items.from names 'FLAGS' twice")
        let overlap = """
            operations:
              - type: fetch
                items: [uid]
                random_items: {count: 1, from: [uid, flags]}
            """
        XCTAssertEqual(
            error(overlap), "bad.yaml:4:19: 'uid' is in both items and random_items.from: it would be fetched twice")
    }
}
