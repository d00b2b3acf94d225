import Foundation
import XCTest
@testable import Measurement
@testable import Reporting

/// report.html a team reads (#15): sections, ms, no duplicated `ok` rows, errors by outcome,
/// secrets masked, and the plots' absence explained.
final class HTMLReportTests: XCTestCase {
    private func page(_ result: RunResult, note: String? = nil) -> String {
        HTMLReport.render(RunDocument(result), plotsDirectory: nil, plotsNote: note)
    }

    func testEverySectionIsThereInOrder() {
        let html = page(SyntheticRun.make(thresholds: ["errors.rate < 0.1%"]))
        var position = html.startIndex
        for id in ["run", "totals", "commands", "errors", "health", "thresholds", "traffic", "plots"] {
            guard let found = html.range(of: "<section id=\"\(id)\">", range: position..<html.endIndex) else {
                return XCTFail("section \(id) missing or out of order")
            }
            position = found.upperBound
        }
        XCTAssertTrue(html.contains("THRESHOLD FAILED: errors.rate &lt; 0.1%"), "the verdict leads the card")
    }

    func testTheCommandTableIsInMillisecondsWithOneRowPerCommandAndErrorsByOutcome() throws {
        let html = page(SyntheticRun.make())
        let commands = try XCTUnwrap(
            html.components(separatedBy: "<section id=\"commands\">").last?.components(separatedBy: "</section>").first)
        XCTAssertTrue(commands.contains("<th>p99 ms</th>"))
        XCTAssertEqual(
            commands.components(separatedBy: "<td class=\"name\">UID FETCH</td>").count - 1, 1,
            "no `ok` row beside `all`")
        XCTAssertTrue(commands.contains("timeout="), commands)
        XCTAssertFalse(commands.contains("<td class=\"name\">ok</td>"))
        XCTAssertTrue(html.contains("<td class=\"name\">timeout</td>"), "errors by outcome section")
    }

    func testPasswordsOnTheCommandLineAreMasked() {
        var result = SyntheticRun.make()
        result.configuration.commandLine = [
            "imapbench", "run", "--password", "hunter2", "--admin-password=s3cret", "--password-file", "/etc/pw",
        ]
        let html = page(result)
        XCTAssertFalse(html.contains("hunter2") || html.contains("s3cret"), "no secret on the page")
        XCTAssertTrue(html.contains("--password *** --admin-password=*** --password-file /etc/pw"))
    }

    func testWithoutPlotsThePageSaysHowToRenderThem() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        setenv("PATH", "/nonexistent", 1)
        defer { setenv("PATH", path, 1) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let rendering = try RunDirectoryWriter.write(SyntheticRun.make(), to: directory)
        let note = try XCTUnwrap(GnuplotRenderer.missingPlotsNote(rendering, runDirectory: directory.path))
        XCTAssertTrue(note.contains("gnuplot not found") && note.contains("imapbench report \(directory.path)"), note)
        XCTAssertFalse(note.contains("\n"), "one line")
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(
            html.contains("id=\"plots-missing\"") && html.contains("imapbench report"), "report.html says it too")
    }
}
