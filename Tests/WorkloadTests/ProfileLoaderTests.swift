import XCTest
@testable import Workload

final class ProfileLoaderTests: XCTestCase {
    func testEveryBuiltinLoadsAndValidates() throws {
        let names = ProfileLoader.builtinNames
        XCTAssertTrue(names.contains("smoke"), "built-ins: \(names)")
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
