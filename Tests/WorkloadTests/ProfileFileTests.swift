import Foundation
import XCTest
@testable import Workload

/// Profiles read from files, as `imapbench validate FILE...` does. The fixture files are
/// written to a temporary folder so the test target needs no declared resources.
final class ProfileFileTests: XCTestCase {
    private var folder = ""

    private static let fixtures = [
        "unknown-key.yaml":
            "# A misspelt key must stop the run.\nload:\n  sessions: 5\n  think: 2s\noperations:\n  - type: noop\n",
        "bad-weight.yaml": "operations:\n  - type: fetch\n    weight: -2\n",
        "good.yaml": "users:\n  file: users.txt\noperations:\n  - type: noop\n",
    ]

    override func setUpWithError() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("imapbench-profiles-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in Self.fixtures {
            try text.write(toFile: fixture(name), atomically: true, encoding: .utf8)
        }
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: folder)
    }

    private func fixture(_ name: String) -> String { "\(folder)/\(name)" }

    func testValidateReportsEachBadFileAtItsPlace() {
        let errors = ProfileLoader.validate(paths: [
            fixture("unknown-key.yaml"), fixture("good.yaml"), fixture("bad-weight.yaml"),
        ])
        XCTAssertEqual(
            errors.map(\.description),
            [
                "\(fixture("unknown-key.yaml")):4:3: unknown key 'think' in load (expected one of: model, sessions, spacing, "
                    + "think_time, commands_per_second, sessions_per_second, pipeline_depth)",
                "\(fixture("bad-weight.yaml")):3:13: operations[0].weight must be above zero, found -2",
            ])
    }

    func testRelativeFilesAreResolvedAgainstTheProfileFolder() throws {
        let profile = try ProfileLoader.load(path: fixture("good.yaml"))
        XCTAssertEqual(profile.users.file, fixture("users.txt"))
        XCTAssertEqual(try ProfileLoader.resolve(fixture("good.yaml")), profile)
    }
}
