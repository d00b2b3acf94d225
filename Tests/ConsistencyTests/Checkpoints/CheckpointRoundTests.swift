import Consistency
import IMAPProtocol
import Measurement
import XCTest

/// A checkpoint over hand-fed sessions: all go quiet before any syncs, the views of sessions
/// with the same mailbox are compared, and one that leaves or never gets quiet is not waited for.
final class CheckpointRoundTests: XCTestCase {
    /// What a session was told, in order.
    final class Participant: CheckpointParticipant {
        var told: [String] = []
        func checkpointQuiesce() { told.append("quiesce") }
        func checkpointSync(_ sync: Command) { told.append("sync \(sync.kind)") }
        func checkpointReleased() { told.append("released") }
    }

    /// A session of user1 with INBOX selected, holding `messages` (UID = 10 + n, no flags).
    private func session(
        _ registry: ConsistencyRegistry, _ index: Int, messages: UInt32 = 3
    )
        -> (SessionCheckerTests.Exchange, Participant)
    {
        let exchange = SessionCheckerTests.Exchange(registry, session: index)
        let participant = Participant()
        exchange.checker.participant = participant
        exchange.selectInbox(count: messages)
        return (exchange, participant)
    }

    /// The sync and `UID FETCH 1:* (FLAGS)` as the session would run them, then the report.
    private func syncAndRead(_ exchange: SessionCheckerTests.Exchange, flags: (UInt32) -> [String] = { _ in [] }) {
        exchange.run(.noop)
        let read = Command.fetch(.all, items: [.flags], uid: true)
        let responses = (1...max(1, exchange.view.exists)).filter { $0 <= exchange.view.exists }.map {
            UntaggedResponse.fetch(sequenceNumber: $0, attributes: [.uid(10 + $0), .flags(flags($0))])
        }
        exchange.run(read, responses: responses)
        exchange.checker.checkpointFetched(exchange.view)
    }

    private func registry(schedule: ((Double, @escaping () -> Void) -> Void)? = nil) -> ConsistencyRegistry {
        ConsistencyRegistry(severities: CheckSettings.allOn, clock: { 0 }, schedule: schedule)
    }

    func testNobodySyncsBeforeEverySessionIsQuietAndAgreeingViewsFindNothing() {
        let registry = registry()
        let (a, pa) = session(registry, 0)
        let (b, pb) = session(registry, 1)
        XCTAssertNil(a.checker.requestCheckpoint(sync: .noop))
        XCTAssertEqual(pa.told, ["quiesce"])
        XCTAssertEqual(pb.told, ["quiesce"])
        a.checker.checkpointDrained()
        XCTAssertEqual(pa.told, ["quiesce"], "one session still has commands in flight: nobody syncs yet")
        b.checker.checkpointDrained()
        XCTAssertEqual(pa.told, ["quiesce", "sync NOOP"])
        XCTAssertEqual(pb.told, ["quiesce", "sync NOOP"])
        syncAndRead(a)
        XCTAssertEqual(pb.told.last, "sync NOOP", "not released before every session reported")
        syncAndRead(b)
        XCTAssertEqual(pa.told.last, "released")
        XCTAssertEqual(pb.told.last, "released")
        XCTAssertEqual(registry.tally.checkpoints, 1)
        XCTAssertEqual(registry.tally.counts.values.reduce(0, +), 0, "\(registry.tally.violations)")
    }

    func testDifferingFlagsCountsAndUIDsAreEachTheirOwnViolation() {
        for (id, change) in [
            (CheckID.checkpointFlagsDiffer, { (b: SessionCheckerTests.Exchange) in }),
            (.checkpointExistsDiffers, { b in b.receive(.exists(4)) }),
        ] {
            let registry = registry()
            let (a, _) = session(registry, 0)
            let (b, _) = session(registry, 1)
            change(b)
            XCTAssertNil(a.checker.requestCheckpoint(sync: .noop))
            a.checker.checkpointDrained()
            b.checker.checkpointDrained()
            syncAndRead(a)
            syncAndRead(b, flags: { $0 == 2 && id == .checkpointFlagsDiffer ? ["\\Seen"] : [] })
            XCTAssertEqual(registry.tally.counts[id], 1, "\(id): \(registry.tally.violations)")
            let violation = registry.tally.violations.first
            XCTAssertEqual(violation?.session, 1, "the session that differs from the first is named")
            XCTAssertEqual(violation?.mailbox, "INBOX")
            XCTAssertFalse(violation?.exchange.isEmpty ?? true)
        }
    }

    func testAUIDMapThatDiffersIsCaught() {
        let registry = registry()
        let (a, _) = session(registry, 0)
        let (b, _) = session(registry, 1)
        XCTAssertNil(a.checker.requestCheckpoint(sync: .noop))
        a.checker.checkpointDrained()
        b.checker.checkpointDrained()
        syncAndRead(a)
        b.run(.noop)
        b.run(
            .fetch(.all, items: [.flags], uid: true),
            responses: [
                .fetch(sequenceNumber: 1, attributes: [.uid(11), .flags([])]),
                .fetch(sequenceNumber: 2, attributes: [.uid(13), .flags([])]),
                .fetch(sequenceNumber: 3, attributes: [.uid(14), .flags([])]),
            ])
        b.checker.checkpointFetched(b.view)
        XCTAssertEqual(registry.tally.counts[.checkpointUIDsDiffer], 1, "\(registry.tally.violations)")
    }

    func testRecentIsNotComparedItBelongsToOneSession() {
        let registry = registry()
        let (a, _) = session(registry, 0)
        let (b, _) = session(registry, 1)
        XCTAssertNil(a.checker.requestCheckpoint(sync: .noop))
        a.checker.checkpointDrained()
        b.checker.checkpointDrained()
        syncAndRead(a, flags: { $0 == 1 ? ["\\Recent"] : [] })
        syncAndRead(b)
        XCTAssertEqual(registry.tally.counts.values.reduce(0, +), 0, "\(registry.tally.violations)")
    }

    func testASessionThatLeavesIsNotWaitedForAndOneAloneIsNotACheckpoint() {
        let registry = registry()
        let (a, pa) = session(registry, 0)
        XCTAssertEqual(a.checker.requestCheckpoint(sync: .noop), "no other session of this user is connected")
        let (b, _) = session(registry, 1)
        XCTAssertNil(a.checker.requestCheckpoint(sync: .noop))
        XCTAssertEqual(b.checker.requestCheckpoint(sync: .noop), "a checkpoint of this user is already running")
        a.checker.checkpointDrained()
        b.checker.connectionEnded()
        XCTAssertEqual(pa.told.last, "sync NOOP", "the one that left is not waited for")
        syncAndRead(a)
        XCTAssertEqual(pa.told.last, "released")
        XCTAssertEqual(registry.tally.checkpoints, 0, "one session compares with nobody")
        XCTAssertEqual(registry.tally.checkpointsAbandoned, 0)
    }

    func testASessionThatConnectsDuringTheRoundIsMadeQuietToo() {
        let registry = registry()
        let (a, _) = session(registry, 0)
        let (b, _) = session(registry, 1)
        XCTAssertNil(a.checker.requestCheckpoint(sync: .noop))
        let late = Participant()
        let c = registry.checker(user: "user1", session: 2, participant: late)
        XCTAssertEqual(late.told, ["quiesce"], "a reconnect during the round must not change the mailbox either")
        a.checker.checkpointDrained()
        b.checker.checkpointDrained()
        XCTAssertEqual(late.told, ["quiesce"], "the round waits for it")
        c.checkpointDrained()
        XCTAssertEqual(late.told, ["quiesce", "sync NOOP"])
    }

    func testARoundThatDoesNotGetQuietInTimeIsAbandonedNotCompared() {
        var timeout: (() -> Void)?
        let registry = registry(schedule: { seconds, body in
            XCTAssertEqual(seconds, CheckTally.checkpointTimeout)
            timeout = body
        })
        let (a, pa) = session(registry, 0)
        let (b, pb) = session(registry, 1)
        XCTAssertNil(a.checker.requestCheckpoint(sync: .noop))
        a.checker.checkpointDrained()
        timeout?()
        XCTAssertEqual(pa.told.last, "released")
        XCTAssertEqual(pb.told.last, "released")
        XCTAssertEqual(registry.tally.checkpointsAbandoned, 1)
        XCTAssertEqual(registry.tally.checkpoints, 0)
        b.checker.checkpointDrained()
        XCTAssertEqual(pb.told.last, "released", "news after the end changes nothing")
        XCTAssertNil(a.checker.requestCheckpoint(sync: .noop), "the next checkpoint can start")
    }
}
