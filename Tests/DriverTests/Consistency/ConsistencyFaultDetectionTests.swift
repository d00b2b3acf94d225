import Driver
import IMAPServer
import Measurement
import Workload
import XCTest

/// Each consistency fault of `imapbench serve` is caught by the checks of a real run, under the
/// check IDs that name it; the same run against the correct server finds nothing.
final class ConsistencyFaultDetectionTests: XCTestCase {
    /// A mix that reads every fact the checks judge, changes flags and expunges.
    private func profile(users: Int, sessions: Int, extra: String = "") -> String {
        """
        users: {pattern: "user%d", range: 1-\(users), password: pass}
        connection: {mailbox: INBOX, open: select}
        load: {model: closed, sessions: \(sessions), think_time: none, pipeline_depth: 1}
        phases: {duration: 3s}
        operations:
          - {type: fetch, weight: 30, items: [uid, flags, rfc822.size, internaldate, envelope], messages: all}
          - {type: fetch_body, weight: 5, section: "", peek: true, messages: {random: 1}}
          - {type: store, name: flag, weight: 15, action: add, flags: ['\\Flagged'], messages: {random: 2}}
          - {type: store, name: unflag, weight: 10, action: remove, flags: ['\\Flagged'], messages: {random: 2}}
          - {type: store, name: keyword, weight: 5, action: add, flags: ['$Checked'], messages: {random: 1}}
          - {type: search, weight: 10}
          - {type: append, weight: 8, mailbox: INBOX}
          - {type: noop, weight: 10}
          - {type: select, weight: 3, mailbox: INBOX}
          - {type: store, name: delete, weight: 3, action: add, flags: ['\\Deleted'], messages: {random: 1}}
          - {type: expunge, weight: 3}
        \(extra)
        """
    }

    private func run(
        fault: String?, users: Int = 2, sessions: Int = 2, extra: String = "",
        checks: CheckSettings = CheckSettings(enabled: true)
    ) async throws -> CheckTally {
        let result = try await EmbeddedRun.run(
            yaml: profile(users: users, sessions: sessions, extra: extra),
            server: { configuration in if let fault { configuration.faults = [try! FaultSpec.parse(fault)] } },
            plan: { $0.checks = checks })
        return try XCTUnwrap(result.checks, "a run with checks on carries a tally")
    }

    private func assertCaught(_ fault: String, by ids: Set<CheckID>, users: Int = 2, sessions: Int = 2) async throws {
        let tally = try await run(fault: fault, users: users, sessions: sessions)
        let found = Set(tally.counts.filter { $0.value > 0 }.keys)
        XCTAssertFalse(
            found.isDisjoint(with: ids), "\(fault): expected one of \(ids.map(\.rawValue)), found \(tally.counts)")
        let kept = try XCTUnwrap(tally.violations.first { ids.contains($0.id) })
        XCTAssertFalse(kept.exchange.isEmpty, "a violation quotes the session's exchange")
        XCTAssertTrue(kept.user.hasPrefix("user"))
        XCTAssertEqual(kept.mailbox.uppercased(), "INBOX")
    }

    func testTheCorrectServerShowsNoViolation() async throws {
        let tally = try await run(fault: nil, users: 2, sessions: 6)
        XCTAssertEqual(tally.counts.values.reduce(0, +), 0, "\(tally.violations.prefix(3))")
        XCTAssertGreaterThan(tally.observed, 100, "the checks saw the exchange")
    }

    func testLostFlags() async throws { try await assertCaught("lose-flags=0.3", by: [.storeFlagsLost]) }
    func testChangedUID() async throws {
        try await assertCaught("change-uid=0.3", by: [.uidChanged, .uidNotAscending])
    }
    func testShrinkingExists() async throws { try await assertCaught("shrink-exists=0.1", by: [.existsShrank]) }
    func testChangedUIDValidity() async throws {
        try await assertCaught("change-uidvalidity=0.5", by: [.uidValidityChanged])
    }
    func testWrongSize() async throws {
        try await assertCaught("wrong-size=0.3", by: [.sizeChanged, .bodySizeMismatch])
    }
    func testUnannouncedKeyword() async throws {
        try await assertCaught("unannounced-keyword=0.3", by: [.keywordUnannounced])
    }
    func testMissedExpunge() async throws {
        try await assertCaught(
            "miss-expunge=1", by: [.uidChanged, .uidNotAscending, .existsShrank, .searchMissing, .searchExtra],
            users: 1, sessions: 2)
    }
    func testSearchMiss() async throws { try await assertCaught("search-miss=0.5", by: [.searchMissing]) }
    func testRecentTwice() async throws {
        try await assertCaught("recent-twice=1", by: [.recentTwice], users: 1, sessions: 3)
    }

    // MARK: Checkpoints

    private static let checkpoint = "  - {type: checkpoint, weight: 10}"

    func testCheckpointsCompareSessionsAndFindNothingOnTheCorrectServer() async throws {
        let tally = try await run(fault: nil, users: 2, sessions: 6, extra: Self.checkpoint)
        XCTAssertEqual(tally.counts.values.reduce(0, +), 0, "\(tally.violations.prefix(3))")
        XCTAssertGreaterThan(tally.checkpoints, 5, "sessions of one user were compared")
        XCTAssertEqual(tally.checkpointsAbandoned, 0)
    }

    /// With every other check off, a checkpoint alone finds the session that was not told of an expunge.
    func testACheckpointAloneCatchesAMissedExpunge() async throws {
        let checkpointIDs: Set<CheckID> = [.checkpointExistsDiffers, .checkpointUIDsDiffer, .checkpointFlagsDiffer]
        let others = CheckID.allCases.filter { !checkpointIDs.contains($0) }
        let checks = CheckSettings(
            enabled: true, overrides: Dictionary(uniqueKeysWithValues: others.map { ($0, .off) }))
        let tally = try await run(
            fault: "miss-expunge=1", users: 1, sessions: 3, extra: Self.checkpoint, checks: checks)
        XCTAssertGreaterThan(tally.counts[.checkpointExistsDiffers] ?? 0, 0, "\(tally.counts)")
        XCTAssertEqual(
            Set(tally.counts.filter { $0.value > 0 }.keys).subtracting(checkpointIDs), [], "only checkpoints ran")
        let kept = try XCTUnwrap(tally.violations.first)
        XCTAssertTrue(
            kept.exchange.contains { $0.contains("OK UID FETCH") }, "the checkpoint's read is quoted: \(kept.exchange)")
    }
}
