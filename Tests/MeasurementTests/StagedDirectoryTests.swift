import Foundation
import XCTest
@testable import Measurement

/// The one result-directory writer: nothing is visible at the target until `commit`, and a
/// failed or abandoned write leaves the target (and an earlier result in it) as it was.
final class StagedDirectoryTests: XCTestCase {
    private var root: URL!
    private let place = ResultDirectory(marker: "run.json")

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("staged-directory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func entries(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    func testNothingIsAtTheTargetUntilCommitThenEverythingIs() throws {
        let target = root.appendingPathComponent("nested/run")
        let staged = try StagedDirectory(target, place: place)
        try staged.write("{}", to: "run.json")
        try staged.write(Data("a,b\n".utf8), to: "summary.csv")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        XCTAssertEqual(try staged.commit(), target)
        XCTAssertEqual(entries(target), ["run.json", "summary.csv"])
        XCTAssertEqual(entries(root.appendingPathComponent("nested")), ["run"], "the staging folder is gone")
    }

    func testAFailedBodyInstallsNothingAndLeavesTheEarlierResult() throws {
        let target = root.appendingPathComponent("run")
        try StagedDirectory.writing(target, place: place) { try $0.write("first", to: "run.json") }
        struct Boom: Error {}
        XCTAssertThrowsError(
            try StagedDirectory.writing(target, place: place) { staged in
                try staged.write("second", to: "run.json")
                throw Boom()
            })
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("run.json"), encoding: .utf8), "first")
        XCTAssertEqual(entries(root), ["run"], "no staging folder is left behind")
    }

    func testAForeignDirectoryIsRefusedBeforeAnythingIsStaged() throws {
        let target = root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try "notes".write(to: target.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try StagedDirectory(target, place: place))
        XCTAssertEqual(entries(root), ["mine"])
        XCTAssertEqual(entries(target), ["notes.txt"])
    }

    func testAbandonDropsTheStagedFiles() throws {
        let target = root.appendingPathComponent("run")
        let staged = try StagedDirectory(target, place: place)
        try staged.write("{}", to: "run.json")
        staged.abandon()
        XCTAssertEqual(entries(root), [])
    }
}
