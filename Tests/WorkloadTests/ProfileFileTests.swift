import Foundation
import XCTest
@testable import Workload

/// Profiles read from files, as `imapbench validate FILE...` does.
final class ProfileFileTests: XCTestCase {
    private func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ProfileFixtures/\(name)").path
    }

    func testValidateReportsEachBadFileAtItsPlace() {
        let errors = ProfileLoader.validate(paths: [fixture("unknown-key.yaml"), fixture("good.yaml"), fixture("bad-weight.yaml")])
        XCTAssertEqual(errors.map(\.description), [
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
