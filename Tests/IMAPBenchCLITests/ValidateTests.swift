import Foundation
import XCTest
@testable import IMAPBenchCLI

final class ValidateTests: XCTestCase {
    func testHelpTextWordForWord() {
        XCTAssertEqual(
            IMAPBench.helpMessage(for: Validate.self, columns: 80),
            """
            OVERVIEW: Check profile files without running them.

            Prints `OK FILE` for each valid profile and `file:line:column: message` for
            every problem of a file (not only the first), thresholds included: their
            syntax, units (latencies us/ms/s, rates /s, error rates %) and subjects (an
            operation of the profile, an IMAP command, commands, errors, phase:NAME or
            outcome:NAME). Exits 1 when any file is invalid. Built-in names (see `imapbench
            profiles`) are accepted too.

            Example: imapbench validate Profiles/webmail.yaml my-profile.yaml

            USAGE: imapbench validate <files> ...

            ARGUMENTS:
              <files>                 Profile files (YAML) or built-in profile names.

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            """)
    }

    func testBadProfileNamesFileLineAndColumn() throws {
        let directory = try CLITestSupport.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml")
        try "load:\n  model: closed\n  sessions: 2\n  bogus_key: 1\noperations:\n  - type: noop\n".write(
            to: file, atomically: true, encoding: .utf8)
        let output = try CLITestSupport.run(["validate", file.path, "smoke"])
        XCTAssertEqual(output.status, 1)
        XCTAssertTrue(output.stderr.contains("bad.yaml:4:3:"), output.stderr)
        XCTAssertTrue(output.stdout.contains("OK smoke"), output.stdout)
    }

    /// A threshold that cannot be parsed is caught by `validate` and before a run starts, not
    /// reported as a failed verdict after the whole run.
    func testBadThresholdIsCaughtBeforeTheRun() throws {
        let file = try Self.profileFile(
            "users: {pattern: \"user%d\", range: 1-4, password: pass}\noperations:\n  - type: noop\nthresholds: [\"fetch.p99 < banana\"]\n"
        )
        let validate = try CLITestSupport.run(["validate", file.path])
        XCTAssertEqual(validate.status, 1)
        XCTAssertTrue(validate.stderr.contains("thresholds: The threshold 'fetch.p99 < banana'"), validate.stderr)
        let run = try CLITestSupport.run(["run", file.path, "--duration", "1s", "--quiet"])
        XCTAssertEqual(run.status, 1)
        XCTAssertFalse(run.stdout.contains("measured window"), "refused before running")
    }

    /// Every problem of a file in one pass, each at its line; thresholds are checked against the
    /// profile's names and must carry their units. Today's main stopped at the first problem and
    /// passed `fecth.p99 < 5ms` and `errors.rate < 1`.
    func testEveryProblemOfAFileIsReportedInOnePass() throws {
        let file = try Self.profileFile(
            """
            load:
              sessions: many
              bogus_key: 1
            phases:
              duration: 10s
              cooldown: 5s
            operations:
              - type: fetch
                weight: -1
              - type: noop
                colour: blue
            thresholds:
              - "fecth.p99 < 5ms"
              - "errors.rate < 1"
              - "fetch.p99 < 5ms"
              - "phase:logon.p99 < 5ms"

            """)
        let validate = try CLITestSupport.run(["validate", file.path])
        XCTAssertEqual(validate.status, 1)
        let lines = validate.stderr.split(separator: "\n").map(String.init)
        let expected = [
            ("profile.yaml:2:13:", "load.sessions"), ("profile.yaml:3:3:", "unknown key 'bogus_key'"),
            ("profile.yaml:6:3:", "unknown key 'cooldown'"), ("profile.yaml:9:13:", "weight"),
            ("profile.yaml:11:5:", "unknown key 'colour'"),
            ("profile.yaml:13:5:", "unknown subject 'fecth' (did you mean 'fetch'?)"),
            ("profile.yaml:14:5:", "a limit without a unit: use %"),
            ("profile.yaml:16:5:", "unknown phase 'logon' (did you mean 'login'?)"),
        ]
        XCTAssertEqual(lines.count, expected.count, validate.stderr)
        for (place, words) in expected {
            XCTAssertTrue(
                lines.contains { $0.contains(place) && $0.contains(words) },
                "\(place) \(words) missing in:\n\(validate.stderr)")
        }
        XCTAssertFalse(
            validate.stderr.contains("fetch.p99 < 5ms'"), "a good threshold is not reported: \(validate.stderr)")
    }

    /// `run --threshold` gets the same checks before anything runs.
    func testRunThresholdIsCheckedAgainstTheProfile() throws {
        for (threshold, words) in [
            ("fecth.p99 < 5ms", "did you mean 'fetch'?"), ("errors.rate < 1", "use %"),
            ("commands.rate > 5", "use /s"), ("noop.p99 < 5", "use us, ms or s"),
        ] {
            let command = try Run.parse(["smoke", "--threshold", threshold])
            XCTAssertThrowsError(try RunRequest(command: command), threshold) { error in
                let text = Run.message(for: error)
                XCTAssertTrue(text.contains(words), "\(threshold): '\(text)' should say '\(words)'")
            }
        }
        XCTAssertNoThrow(
            try RunRequest(
                command: try Run.parse([
                    "smoke", "--threshold", "noop.p99 < 5ms",
                    "--threshold", "uid_fetch.p50 < 1s",
                ])))
    }

    /// A users file or password file that cannot be read fails `validate`, not the run later.
    func testUnreadableReferencedFileFailsValidation() throws {
        let file = try Self.profileFile(
            "users: {pattern: \"user%d\", range: 1-4, password_file: /no/such/password}\noperations:\n  - type: noop\n")
        let validate = try CLITestSupport.run(["validate", file.path])
        XCTAssertEqual(validate.status, 1)
        XCTAssertTrue(validate.stderr.contains("users.password_file: cannot read '/no/such/password'"), validate.stderr)
    }

    /// A profile with this YAML text in a fresh temporary directory.
    private static func profileFile(_ yaml: String) throws -> URL {
        let file = try CLITestSupport.temporaryDirectory().appendingPathComponent("profile.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
