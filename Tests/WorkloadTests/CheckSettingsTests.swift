import Measurement
import XCTest
@testable import Workload

/// The profile's `checks:` section: the three spellings, and refusals of unknown words.
final class CheckSettingsTests: XCTestCase {
    private func load(_ checks: String) throws -> Profile {
        try ProfileLoader.load(yaml: "checks: \(checks)\noperations:\n  - type: noop\n", source: "p.yaml")
    }

    func testAbsentSectionLeavesChecksOff() throws {
        XCTAssertEqual(try ProfileLoader.load(yaml: "operations:\n  - type: noop\n", source: "p.yaml").checks, .off)
    }

    func testOnAndOff() throws {
        XCTAssertTrue(try load("on").checks.enabled)
        XCTAssertFalse(try load("off").checks.enabled)
    }

    func testMappingWithSeverities() throws {
        let checks = try load("{enabled: true, severity: {recent-twice: error, modseq-decreased: off}}").checks
        XCTAssertTrue(checks.enabled)
        XCTAssertEqual(checks.overrides, [.recentTwice: .error, .modSeqDecreased: .off])
        XCTAssertNil(checks.severities[.modSeqDecreased])
    }

    func testUnknownCheckIsRefusedWithAHint() {
        XCTAssertThrowsError(try load("{severity: {recent-twcie: error}}")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("p.yaml:1:"), text)
            XCTAssertTrue(text.contains("did you mean 'recent-twice'?"), text)
            XCTAssertTrue(text.contains("uid-changed"), text)
        }
    }

    func testUnknownSeverityIsRefusedWithTheValidWords() {
        XCTAssertThrowsError(try load("{severity: {recent-twice: eror}}")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("did you mean 'error'?"), text)
            XCTAssertTrue(text.contains("error, warning, off"), text)
        }
    }

    func testAnotherWordIsRefused() {
        XCTAssertThrowsError(try load("maybe")) { XCTAssertTrue("\($0)".contains("on, off"), "\($0)") }
    }
}

/// The built-in `consistency` profile exists to run the checks, so it must turn them on.
final class ConsistencyProfileTests: XCTestCase {
    func testConsistencyProfileTurnsChecksOnForFiveUsers() throws {
        let profile = try ProfileLoader.builtin(named: "consistency")
        XCTAssertTrue(profile.checks.enabled)
        XCTAssertEqual(profile.load.sessions, 20)
        XCTAssertEqual(profile.load.pipelineDepth, 4)
    }
}
