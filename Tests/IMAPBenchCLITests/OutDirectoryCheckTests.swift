import Foundation
import XCTest

/// `--out DIR` deleted DIR first: `imapbench run --out .` wiped the working directory. Every
/// command that writes results now refuses a directory of other files before it does any work.
final class OutDirectoryCheckTests: XCTestCase {
    func testEveryCommandRefusesADirectoryOfOtherFilesBeforeItRuns() throws {
        let directory = try CLITestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let foreign = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "mine".write(to: foreign.appendingPathComponent("thesis.tex"), atomically: false, encoding: .utf8)
        let missing = directory.appendingPathComponent("no-run").path
        let commands: [[String]] = [
            ["run", "smoke", "--duration", "30s", "--quiet"],
            ["report", missing],
            ["merge", missing, missing + "2"],
            ["compare", missing, missing + "2"],
            ["probe", "pipeline", "--step", "30s"],
            ["probe", "timeout", "--max-wait", "30s"],
        ]
        for command in commands {
            let started = Date()
            let output = try CLITestSupport.run(command + ["--out", foreign.path], timeout: 60)
            XCTAssertEqual(output.status, 1, "\(command): \(output.stderr)")
            XCTAssertTrue(output.stderr.contains("is not an imapbench result"), "\(command): \(output.stderr)")
            XCTAssertTrue(output.stderr.contains("--force"), "\(command): \(output.stderr)")
            // refused before the 30 s of run or probe, and before the missing inputs were read
            XCTAssertLessThan(Date().timeIntervalSince(started), 15, "\(command)")
            XCTAssertEqual(
                try FileManager.default.contentsOfDirectory(atPath: foreign.path), ["thesis.tex"], "\(command)")
        }
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: directory.path), ["home"], "nothing staged is left")
    }

    func testARunIntoAnEarlierRunKeepsTheFilesAPersonAdded() throws {
        let directory = try CLITestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("run")
        let notes = out.appendingPathComponent("notes.txt")
        for pass in 1...2 {
            // --allow-limited: about files, not health; a busy test machine must not turn it into exit 3
            let run = try CLITestSupport.run([
                "run", "smoke", "--duration", "1s", "--quiet", "--allow-limited", "--out", out.path,
            ])
            XCTAssertEqual(run.status, 0, "pass \(pass): \(run.stderr)")
            if pass == 1 { try "what I changed".write(to: notes, atomically: false, encoding: .utf8) }
        }
        XCTAssertEqual(try String(contentsOf: notes, encoding: .utf8), "what I changed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        let forced = directory.appendingPathComponent("forced")
        try FileManager.default.createDirectory(at: forced, withIntermediateDirectories: true)
        try "mine".write(to: forced.appendingPathComponent("thesis.tex"), atomically: false, encoding: .utf8)
        let report = try CLITestSupport.run(["report", out.path, "--out", forced.path, "--force"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertEqual(try String(contentsOf: forced.appendingPathComponent("thesis.tex"), encoding: .utf8), "mine")
        XCTAssertTrue(FileManager.default.fileExists(atPath: forced.appendingPathComponent("run.json").path))
    }
}
