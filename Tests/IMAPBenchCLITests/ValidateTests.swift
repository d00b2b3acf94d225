import Foundation
import XCTest
@testable import IMAPBenchCLI

final class ValidateTests: XCTestCase {
    func testHelpTextWordForWord() {
        XCTAssertEqual(IMAPBench.helpMessage(for: Validate.self, columns: 80), """
            OVERVIEW: Check profile files without running them.

            Prints `OK FILE` for each valid profile and `file:line:column: message` for
            each problem. Exits 1 when any file is invalid. Built-in names (see `imapbench
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
        try "load:\n  model: closed\n  sessions: 2\n  bogus_key: 1\noperations:\n  - type: noop\n".write(to: file, atomically: true, encoding: .utf8)
        let output = try CLITestSupport.run(["validate", file.path, "smoke"])
        XCTAssertEqual(output.status, 1)
        XCTAssertTrue(output.stderr.contains("bad.yaml:4:3:"), output.stderr)
        XCTAssertTrue(output.stdout.contains("OK smoke"), output.stdout)
    }

    /// A threshold that cannot be parsed is caught by `validate` and before a run starts, not
    /// reported as a failed verdict after the whole run.
    func testBadThresholdIsCaughtBeforeTheRun() throws {
        let file = try Self.profileFile("users: {pattern: \"user%d\", range: 1-4, password: pass}\noperations:\n  - type: noop\nthresholds: [\"fetch.p99 < banana\"]\n")
        let validate = try CLITestSupport.run(["validate", file.path])
        XCTAssertEqual(validate.status, 1)
        XCTAssertTrue(validate.stderr.contains("thresholds: The threshold 'fetch.p99 < banana'"), validate.stderr)
        let run = try CLITestSupport.run(["run", file.path, "--duration", "1s", "--quiet"])
        XCTAssertEqual(run.status, 1)
        XCTAssertFalse(run.stdout.contains("measured window"), "refused before running")
    }

    /// A users file or password file that cannot be read fails `validate`, not the run later.
    func testUnreadableReferencedFileFailsValidation() throws {
        let file = try Self.profileFile("users: {pattern: \"user%d\", range: 1-4, password_file: /no/such/password}\noperations:\n  - type: noop\n")
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
