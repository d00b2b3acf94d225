import Foundation
import XCTest
@testable import Measurement

/// One gnuplot runner for run, compare and probe plots: a missing gnuplot is one note, not one per plot.
final class GnuplotRunnerTests: XCTestCase {
    func testWithoutGnuplotOneNoteSaysHowToInstallAndRender() {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        setenv("PATH", "/nonexistent", 1)
        defer { setenv("PATH", path, 1) }
        XCTAssertFalse(GnuplotRunner.isAvailable)
        let notes = GnuplotRunner.render(scripts: ["a.gp", "b.gp", "c.gp"], in: FileManager.default.temporaryDirectory)
        XCTAssertEqual(notes.count, 1, "\(notes)")
        XCTAssertTrue(notes[0].contains("apt-get install gnuplot-nox") && notes[0].contains("gnuplot a.gp"), notes[0])
    }

    func testAFailingScriptSaysWhichAndWhy() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "plot 'missing.dat'\n".write(
            to: directory.appendingPathComponent("bad.gp"), atomically: true, encoding: .utf8)
        let note = try XCTUnwrap(GnuplotRunner.render(script: "bad.gp", in: directory))
        XCTAssertTrue(note.hasPrefix("gnuplot failed on bad.gp"), note)
    }
}
