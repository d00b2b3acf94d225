import XCTest
@testable import Workload

final class ProfileLoaderTests: XCTestCase {
    func testEveryBuiltinLoadsAndValidates() throws {
        let names = ProfileLoader.builtinNames
        XCTAssertEqual(
            names,
            [
                "consistency", "delivery", "imaptest-default", "login-storm", "mobile-idle", "pipeline-max", "smoke",
                "webmail",
            ])
        for name in names {
            do {
                let profile = try ProfileLoader.builtin(named: name)
                XCTAssertFalse(profile.operations.isEmpty, name)
                XCTAssertFalse(profile.summary.isEmpty, "\(name) has no description")
            } catch {
                XCTFail("\(error)")
            }
        }
        let paths = names.compactMap(ProfileLoader.builtinPath(named:))
        XCTAssertEqual(paths.count, names.count)
        XCTAssertEqual(ProfileLoader.validate(paths: paths), [])
    }
}
