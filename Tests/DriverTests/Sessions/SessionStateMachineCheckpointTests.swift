@testable import Driver
import IMAPClient
import IMAPProtocol
import NIOCore
import Workload
import XCTest

/// A checkpoint as the session machine lives it, without sockets: it asks, goes quiet, says when
/// nothing is in flight, syncs, reads the whole mailbox, reports, and only then carries on.
final class SessionStateMachineCheckpointTests: XCTestCase {
    private struct FakeView: SessionConnectionView {
        var isUsable = true
        var barrierInFlight = false
        var capabilities: Set<String> = []
        func canSendNow(_ command: Command) -> Bool { true }
        var selectedMailbox: String? = "INBOX"
        var exists: UInt32 = 10
        func uid(atSequence sequence: UInt32) -> UInt32? { sequence }
        var hierarchyDelimiter: Character? = "/"
    }

    private final class Emitted {
        var actions: [SessionAction] = []
        var sink: (SessionAction) -> Void { { self.actions.append($0) } }
        var sent: [(Command, CommandTicket)] {
            actions.compactMap {
                if case .send(let command, let ticket) = $0 { return (command, ticket) } else { return nil }
            }
        }
        func has(_ matches: (SessionAction) -> Bool) -> Bool { actions.contains(where: matches) }
        func take() -> Emitted { let copy = Emitted(); copy.actions = actions; actions = []; return copy }
    }

    private func context(checks: Bool, operation: String) throws -> RunContext {
        let yaml = """
            users: {pattern: "user%d", range: 1-2, password: pass}
            connection: {open: none}
            load: {model: closed, sessions: 1, think_time: none, pipeline_depth: 2}
            phases: {duration: 10s}
            checks: \(checks ? "on" : "off")
            operations:
              - \(operation)
            """
        let profile = try ProfileLoader.load(yaml: yaml, source: "test.yaml")
        let plan = try RunPlan(
            profileName: "t", resolved: profile, overrides: RunOverrides(), host: "127.0.0.1", port: 1)
        return RunContext(plan: plan, behaviour: SessionBehaviour(profile: profile), start: .uptimeNanoseconds(0))
    }

    private func ms(_ value: Int64) -> NIODeadline { .uptimeNanoseconds(UInt64(value) * 1_000_000) }

    private func record(_ kind: String, _ outcome: CommandOutcome = .ok, at time: NIODeadline) -> CommandRecord {
        CommandRecord(tag: "A1", kind: kind, outcome: outcome, enqueued: time, completed: time)
    }

    private func ready(_ context: RunContext) -> (SessionStateMachine, Emitted) {
        var machine = SessionStateMachine(index: 0, context: context)
        let emitted = Emitted()
        machine.start(emitted.sink)
        machine.connected(preauthenticated: true, view: FakeView(), now: ms(1), emitted.sink)
        return (machine, emitted)
    }

    func testTheDrawingSessionAsksThenSyncsReadsReportsAndWaitsForTheRelease() throws {
        var (machine, emitted) = ready(try context(checks: true, operation: "{type: checkpoint, sync: check}"))
        let first = emitted.take()
        XCTAssertTrue(first.has { if case .requestCheckpoint(.check) = $0 { return true } else { return false } })
        XCTAssertTrue(first.sent.isEmpty, "nothing else goes out while the checkpoint is asked for")
        machine.wakeFired(view: FakeView(), now: ms(2), emitted.sink)
        XCTAssertTrue(emitted.take().sent.isEmpty, "still nothing before the round answers")

        machine.checkpointQuiesce(view: FakeView(), emitted.sink)
        XCTAssertTrue(emitted.take().has { if case .checkpointDrained = $0 { return true } else { return false } })
        machine.checkpointSync(.check, view: FakeView(), now: ms(3), emitted.sink)
        let sync = emitted.take().sent
        XCTAssertEqual(sync.map(\.0), [.check])
        XCTAssertEqual(sync.first?.1.operation, "checkpoint", "recorded under the operation's name")
        machine.commandCompleted(record("CHECK", at: ms(4)), sync[0].1, view: FakeView(), now: ms(4), emitted.sink)
        let read = emitted.take().sent
        XCTAssertEqual(read.map(\.0), [.fetch(.all, items: [.flags], uid: true)])
        machine.commandCompleted(record("UID FETCH", at: ms(5)), read[0].1, view: FakeView(), now: ms(5), emitted.sink)
        let reported = emitted.take()
        XCTAssertTrue(
            reported.has { if case .reportCheckpoint(fetched: true) = $0 { return true } else { return false } })
        XCTAssertTrue(reported.sent.isEmpty, "quiet until every session reported")

        machine.checkpointReleased(view: FakeView(), now: ms(6), emitted.sink)
        let after = emitted.take()
        XCTAssertTrue(
            after.has { if case .requestCheckpoint = $0 { return true } else { return false } },
            "the mix goes on (here: the next checkpoint)")
        XCTAssertTrue(machine.checkpoint == nil || machine.checkpoint?.stage == .requested)
    }

    func testASessionWithCommandsInFlightSaysDrainedOnlyWhenTheyEnd() throws {
        var (machine, emitted) = ready(try context(checks: true, operation: "{type: noop}"))
        let inFlight = emitted.take().sent
        XCTAssertEqual(inFlight.count, 2)
        machine.checkpointQuiesce(view: FakeView(), emitted.sink)
        XCTAssertFalse(emitted.take().has { if case .checkpointDrained = $0 { return true } else { return false } })
        machine.commandCompleted(record("NOOP", at: ms(3)), inFlight[0].1, view: FakeView(), now: ms(3), emitted.sink)
        let one = emitted.take()
        XCTAssertTrue(one.sent.isEmpty, "a quiet session sends nothing new")
        XCTAssertFalse(one.has { if case .checkpointDrained = $0 { return true } else { return false } })
        machine.commandCompleted(record("NOOP", at: ms(4)), inFlight[1].1, view: FakeView(), now: ms(4), emitted.sink)
        XCTAssertTrue(emitted.take().has { if case .checkpointDrained = $0 { return true } else { return false } })
    }

    func testAFailedSyncIsReportedAsNotCompared() throws {
        var (machine, emitted) = ready(try context(checks: true, operation: "{type: noop}"))
        let inFlight = emitted.take().sent
        machine.checkpointQuiesce(view: FakeView(), emitted.sink)
        for (_, ticket) in inFlight {
            machine.commandCompleted(record("NOOP", at: ms(2)), ticket, view: FakeView(), now: ms(2), emitted.sink)
        }
        machine.checkpointSync(.noop, view: FakeView(), now: ms(3), emitted.sink)
        let sync = emitted.take().sent.filter { $0.1.role == .checkpoint }
        XCTAssertEqual(sync.count, 1)
        machine.commandCompleted(record("NOOP", .no, at: ms(4)), sync[0].1, view: FakeView(), now: ms(4), emitted.sink)
        XCTAssertTrue(
            emitted.take().has { if case .reportCheckpoint(fetched: false) = $0 { return true } else { return false } })
    }

    func testADeclinedCheckpointIsASkipAndTheMixGoesOn() throws {
        var (machine, emitted) = ready(try context(checks: true, operation: "{type: checkpoint}"))
        _ = emitted.take()
        machine.checkpointDeclined(
            "no other session of this user is connected", view: FakeView(), now: ms(2), emitted.sink)
        let declined = emitted.take()
        XCTAssertTrue(
            declined.has {
                if case .recordSkipped("checkpoint", "no other session of this user is connected") = $0 {
                    return true
                } else {
                    return false
                }
            })
        XCTAssertTrue(declined.has { if case .requestCheckpoint = $0 { return true } else { return false } })
    }

    func testWithTheChecksOffACheckpointIsOnlyItsSync() throws {
        let (_, emitted) = ready(try context(checks: false, operation: "{type: checkpoint}"))
        let first = emitted.take()
        XCTAssertFalse(first.has { if case .requestCheckpoint = $0 { return true } else { return false } })
        XCTAssertEqual(first.sent.map(\.0), [.noop, .noop], "\(first.actions)")
        XCTAssertEqual(first.sent.first?.1.role, .workload)
    }

    func testASessionOnItsWayOutLeavesTheRound() throws {
        var (machine, emitted) = ready(try context(checks: true, operation: "{type: noop}"))
        _ = emitted.take()
        machine.stop(abrupt: false, view: FakeView(), emitted.sink)
        _ = emitted.take()
        machine.checkpointQuiesce(view: FakeView(), emitted.sink)
        XCTAssertTrue(emitted.take().has { if case .leaveCheckpoint = $0 { return true } else { return false } })
    }
}
