import Foundation
import XCTest
@testable import Measurement
@testable import Reporting

/// checks.csv, run.json, the console block and merging of a run's consistency-check tally.
final class CheckOutputsTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("checks-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    static func tally() -> CheckTally {
        var tally = CheckTally(severities: [.storeFlagsLost: .error, .recentTwice: .warning])
        tally.observed = 500
        tally.record(
            CheckViolation(
                id: .storeFlagsLost, severity: .error, time: 1.5, user: "user7", mailbox: "INBOX", session: 3,
                tag: "A12",
                expected: "\\Seen", observed: "()",
                exchange: ["C: A12 STORE 1 +FLAGS (\\Seen)", "S: * 1 FETCH (FLAGS ())"]))
        tally.record(
            CheckViolation(
                id: .recentTwice, severity: .warning, time: 2.25, user: "user8", mailbox: "INBOX", session: 4, tag: "",
                expected: "not recent", observed: "\\Recent", exchange: []))
        return tally
    }

    private func run(_ checks: CheckTally?) -> RunResult {
        var result = SyntheticRun.make()
        result.checks = checks
        return result
    }

    func testChecksCSVHasOneRowPerViolation() throws {
        let lines = CSVTables.checks(Self.tally()).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, CSVTables.checksHeader)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(
            lines[1],
            "1.500,store-flags-lost,error,RFC 3501 §6.4.6,user7,INBOX,3,A12,\\Seen,(),C: A12 STORE 1 +FLAGS (\\Seen) | S: * 1 FETCH (FLAGS ())"
        )
        XCTAssertTrue(lines[2].hasPrefix("2.250,recent-twice,warning,RFC 3501 §2.3.2,user8,"))
    }

    func testChecksCSVIsWrittenOnlyWhenChecksRan() throws {
        try RunDirectoryWriter.write(run(nil), to: directory)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("checks.csv").path))
        try FileManager.default.removeItem(at: directory)
        try RunDirectoryWriter.write(run(CheckTally()), to: directory)
        let text = try String(contentsOf: directory.appendingPathComponent("checks.csv"), encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").map(String.init), [CSVTables.checksHeader])
    }

    func testRunJSONCarriesTheTallyAndAnOldFileWithoutItLoads() throws {
        try RunDirectoryWriter.write(run(Self.tally()), to: directory)
        let read = try RunDirectoryReader.read(directory)
        XCTAssertEqual(read.checks, Self.tally())
        let runFile = directory.appendingPathComponent("run.json")
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: runFile)) as? [String: Any])
        var record = try XCTUnwrap(json["run"] as? [String: Any])
        XCTAssertNotNil(record["checks"])
        record.removeValue(forKey: "checks")
        json["run"] = record
        try JSONSerialization.data(withJSONObject: json).write(to: runFile)
        XCTAssertNil(try RunDirectoryReader.read(directory).checks)
    }

    func testConsoleSaysCleanOrNamesEachCheckAndItsFirstViolation() {
        XCTAssertFalse(SummaryTable.render(run(nil)).contains("consistency:"))
        var clean = CheckTally()
        clean.observed = 42
        XCTAssertTrue(SummaryTable.render(run(clean)).contains("consistency: 0 violations in 42 observed responses\n"))
        let lines = SummaryTable.consistencyLines(Self.tally())
        XCTAssertEqual(lines.first, "consistency: 1 violations, 1 warnings in 500 observed responses")
        XCTAssertTrue(lines.contains("  store-flags-lost  error  1  RFC 3501 §6.4.6"))
        XCTAssertTrue(
            lines.contains("    first: user user7, mailbox INBOX, session 3, tag A12: expected \\Seen, observed ()"))
        XCTAssertTrue(lines.contains("  recent-twice  warning  1  RFC 3501 §2.3.2"))
    }

    func testMergingAddsTalliesAndNilPlusTallyIsTheTally() {
        XCTAssertNil(RunMerger.mergedChecks([run(nil), run(nil)]))
        XCTAssertEqual(RunMerger.mergedChecks([run(nil), run(Self.tally())]), Self.tally())
        let both = RunMerger.mergedChecks([run(Self.tally()), run(Self.tally())])
        XCTAssertEqual(both?.counts[.storeFlagsLost], 2)
        XCTAssertEqual(both?.observed, 1000)
        XCTAssertEqual(both?.violations.map(\.time), [1.5, 1.5, 2.25, 2.25])
    }
}
