import Foundation
import XCTest
@testable import Measurement

/// `--out DIR` used to delete DIR before writing: `run --out .` wiped the working directory.
final class ResultDirectoryTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("result-directory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ text: String, _ relative: String, in directory: URL) throws {
        let file = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: false, encoding: .utf8)
    }

    private func read(_ relative: String, in directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Stages `files` and installs them at `target`, as the writers do.
    private func install(_ files: [String: String], at target: URL, force: Bool = false) throws {
        let place = ResultDirectory(marker: "run.json", force: force)
        let staging = try place.makeStaging(for: target)
        for (name, text) in files { try write(text, name, in: staging) }
        try place.install(staging, at: target)
    }

    func testAbsentAndEmptyDirectoriesAreTaken() throws {
        let absent = root.appendingPathComponent("new")
        try install(["run.json": "1"], at: absent)
        XCTAssertEqual(try read("run.json", in: absent), "1")
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try install(["run.json": "1"], at: empty)
        XCTAssertEqual(try read("run.json", in: empty), "1")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["empty", "new"],
            "no staging directory is left behind")
    }

    func testADirectoryOfOtherFilesIsRefusedAndKeptWhole() throws {
        let foreign = root.appendingPathComponent("home")
        try write("mine", "thesis.tex", in: foreign)
        let place = ResultDirectory(marker: "run.json")
        XCTAssertThrowsError(try place.check(foreign)) { error in
            XCTAssertEqual(error as? ResultDirectoryError, .foreign(path: foreign.path, marker: "run.json", entries: 1))
            XCTAssertTrue("\(error)".contains("--force"), "\(error)")
        }
        XCTAssertThrowsError(try install(["run.json": "1"], at: foreign))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: foreign.path), ["thesis.tex"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["home"])
    }

    func testForceWritesBesideOtherFilesAndKeepsThem() throws {
        let foreign = root.appendingPathComponent("home")
        try write("mine", "thesis.tex", in: foreign)
        try write("mine too", "plots/sketch.txt", in: foreign)
        try install(["run.json": "1", "plots/a.gp": "plot"], at: foreign, force: true)
        XCTAssertEqual(try read("thesis.tex", in: foreign), "mine")
        XCTAssertEqual(try read("plots/sketch.txt", in: foreign), "mine too")
        XCTAssertEqual(try read("plots/a.gp", in: foreign), "plot")
        XCTAssertEqual(try read("run.json", in: foreign), "1")
    }

    func testAnEarlierResultIsUpdatedAndKeepsWhatTheUserAdded() throws {
        let earlier = root.appendingPathComponent("run")
        try install(["run.json": "old", "summary.csv": "old", "plots/a.gp": "old"], at: earlier)
        try write("notes", "notes.txt", in: earlier)
        try write("notes", "plots/notes.txt", in: earlier)
        try install(["run.json": "new", "summary.csv": "new", "plots/a.gp": "new"], at: earlier)
        for name in ["run.json", "summary.csv", "plots/a.gp"] {
            XCTAssertEqual(try read(name, in: earlier), "new", name)
        }
        XCTAssertEqual(try read("notes.txt", in: earlier), "notes")
        XCTAssertEqual(try read("plots/notes.txt", in: earlier), "notes")
    }

    func testAFileIsNotADirectory() throws {
        let file = root.appendingPathComponent("a-file")
        try write("x", "a-file", in: root)
        XCTAssertThrowsError(try ResultDirectory(marker: "run.json", force: true).check(file)) { error in
            XCTAssertEqual(error as? ResultDirectoryError, .notADirectory(path: file.path))
        }
    }
}
