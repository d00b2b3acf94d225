@testable import Driver
import IMAPClient
import IMAPProtocol
import NIOCore
import Workload
import XCTest

/// The session machine's life cycle without sockets: completions, think time, timeouts, a lost
/// connection, and stopping, each driven by made-up times and checked by the actions it emits.
final class SessionStateMachineLifeTests: XCTestCase {
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

    /// Everything one event emitted, in order.
    private final class Emitted {
        var actions: [SessionAction] = []
        var sink: (SessionAction) -> Void { { self.actions.append($0) } }
        var tickets: [CommandTicket] {
            actions.compactMap { if case .send(_, let ticket) = $0 { return ticket } else { return nil } }
        }
        var records: [(CommandRecord, Bool)] {
            actions.compactMap {
                if case .record(let record, _, let unanswered) = $0 { return (record, unanswered) } else { return nil }
            }
        }
        func count(_ matches: (SessionAction) -> Bool) -> Int { actions.filter(matches).count }
        func take() -> Emitted { let copy = Emitted(); copy.actions = actions; actions = []; return copy }
    }

    private func context(load: String, sessionLife: String = "") throws -> RunContext {
        let yaml = """
            users: {pattern: "user%d", range: 1-2, password: pass}
            connection: {open: none}
            load: {\(load)}
            \(sessionLife)
            phases: {duration: 10s}
            operations:
              - type: noop
            """
        let profile = try ProfileLoader.load(yaml: yaml, source: "test.yaml")
        let plan = try RunPlan(
            profileName: "t", resolved: profile, overrides: RunOverrides(), host: "127.0.0.1", port: 1)
        return RunContext(plan: plan, behaviour: SessionBehaviour(profile: profile), start: .uptimeNanoseconds(0))
    }

    private func closed(depth: Int, think: String = "none") throws -> RunContext {
        try context(load: "model: closed, sessions: 1, think_time: \(think), pipeline_depth: \(depth)")
    }

    private func ms(_ value: Int64) -> NIODeadline { .uptimeNanoseconds(UInt64(value) * 1_000_000) }

    private func record(_ outcome: CommandOutcome = .ok, at completed: NIODeadline) -> CommandRecord {
        CommandRecord(tag: "A1", kind: "NOOP", outcome: outcome, enqueued: completed, completed: completed)
    }

    /// A machine that connected (PREAUTH) at 1 ms, and what that emitted.
    private func ready(_ context: RunContext) -> (SessionStateMachine, Emitted) {
        var machine = SessionStateMachine(index: 0, context: context)
        let emitted = Emitted()
        machine.start(emitted.sink)
        machine.connected(preauthenticated: true, view: FakeView(), now: ms(1), emitted.sink)
        return (machine, emitted)
    }

    func testEachCompletionSendsExactlyOneMoreCommand() throws {
        var (machine, emitted) = ready(try closed(depth: 2))
        let first = emitted.take().tickets
        XCTAssertEqual(first.count, 2)
        machine.commandCompleted(record(at: ms(5)), first[0], view: FakeView(), now: ms(5), emitted.sink)
        let after = emitted.take()
        XCTAssertEqual(after.records.count, 1, "the completion is recorded")
        XCTAssertEqual(after.tickets.count, 1, "one slot freed, one command sent")
        XCTAssertEqual(machine.outstanding, 2)
    }

    func testThinkTimeDelaysTheNextCommandUntilItsWake() throws {
        var (machine, emitted) = ready(try closed(depth: 1, think: "100ms"))
        let first = emitted.take().tickets
        XCTAssertEqual(first.count, 1, "no think time before the first command")
        machine.commandCompleted(record(at: ms(10)), first[0], view: FakeView(), now: ms(10), emitted.sink)
        let after = emitted.take()
        XCTAssertTrue(after.tickets.isEmpty, "nothing is sent while the session thinks")
        let wakes = after.actions.compactMap { if case .scheduleWake(let at) = $0 { return at } else { return nil } }
        XCTAssertEqual(wakes, [ms(110)], "the next command is due 100 ms after the completion")
        machine.wakeFired(view: FakeView(), now: ms(110), emitted.sink)
        let woken = emitted.take().tickets
        XCTAssertEqual(woken.count, 1)
        XCTAssertEqual(woken.first?.due, ms(110), "closed-model latency counts from when the command was due")
    }

    func testATimeoutAbandonsTheConnectionAndItsOtherCommandsEndUnanswered() throws {
        var (machine, emitted) = ready(try closed(depth: 2))
        let sent = emitted.take().tickets
        machine.commandCompleted(record(.timedOut, at: ms(50)), sent[0], view: FakeView(), now: ms(50), emitted.sink)
        let onTimeout = emitted.take()
        XCTAssertEqual(onTimeout.count { if case .closeAbruptly = $0 { return true } else { return false } }, 1)
        XCTAssertTrue(onTimeout.tickets.isEmpty, "nothing more goes out on an abandoned connection")
        XCTAssertEqual(onTimeout.records.map(\.1), [false], "the timeout itself is the server's")
        machine.commandCompleted(
            record(.disconnected, at: ms(51)), sent[1], view: FakeView?.none, now: ms(51), emitted.sink)
        XCTAssertEqual(
            emitted.take().records.map(\.1), [true], "cut off by the generator: unanswered, not disconnected")
        machine.connectionClosed(emitted.sink)
        let closed = emitted.take()
        XCTAssertEqual(closed.count { if case .countDisconnected = $0 { return true } else { return false } }, 1)
        XCTAssertEqual(
            closed.count { if case .scheduleReconnect = $0 { return true } else { return false } }, 1,
            "the session comes back after the backoff, so the load keeps its shape")
    }

    func testALostConnectionReconnectsAfterTheBackoffAndOldCompletionsChangeNothing() throws {
        var (machine, emitted) = ready(try closed(depth: 2))
        let old = emitted.take().tickets
        machine.connectionClosed(emitted.sink)
        XCTAssertEqual(machine.outstanding, 0)
        XCTAssertEqual(machine.state, .waiting)
        XCTAssertEqual(
            emitted.take().count { if case .scheduleReconnect = $0 { return true } else { return false } }, 1)
        machine.reconnectFired(emitted.sink)
        XCTAssertEqual(emitted.take().count { if case .connect = $0 { return true } else { return false } }, 1)
        machine.connected(preauthenticated: true, view: FakeView(), now: ms(200), emitted.sink)
        XCTAssertEqual(emitted.take().tickets.count, 2)
        machine.commandCompleted(
            record(.disconnected, at: ms(201)), old[0], view: FakeView(), now: ms(201), emitted.sink)
        let late = emitted.take()
        XCTAssertEqual(late.records.count, 1, "the late completion is still data")
        XCTAssertTrue(late.tickets.isEmpty, "a completion from the previous connection frees no slot on this one")
        XCTAssertEqual(machine.outstanding, 2)
    }

    func testAGracefulStopDrainsThenLogsOutAndStopsOnce() throws {
        var (machine, emitted) = ready(try closed(depth: 2))
        let sent = emitted.take().tickets
        machine.stop(abrupt: false, view: FakeView(), emitted.sink)
        XCTAssertTrue(emitted.take().tickets.isEmpty, "no new command after stop")
        machine.commandCompleted(record(at: ms(20)), sent[0], view: FakeView(), now: ms(20), emitted.sink)
        XCTAssertEqual(
            emitted.take().count { if case .logout = $0 { return true } else { return false } }, 0,
            "LOGOUT waits for the commands in flight")
        machine.commandCompleted(record(at: ms(21)), sent[1], view: FakeView(), now: ms(21), emitted.sink)
        let drained = emitted.take()
        XCTAssertEqual(drained.count { if case .logout = $0 { return true } else { return false } }, 1)
        machine.lifeEnded(emitted.sink)
        machine.stop(abrupt: true, view: FakeView?.none, emitted.sink)
        XCTAssertEqual(
            emitted.take().count { if case .stopped = $0 { return true } else { return false } }, 1,
            "the worker hears of the end exactly once")
        XCTAssertEqual(machine.state, .stopped)
    }

    func testAnAbruptStopClosesAtOnce() throws {
        var (machine, emitted) = ready(try closed(depth: 3))
        _ = emitted.take()
        machine.stop(abrupt: true, view: FakeView(), emitted.sink)
        let stopped = emitted.take()
        XCTAssertEqual(stopped.count { if case .closeAbruptly = $0 { return true } else { return false } }, 1)
        XCTAssertEqual(stopped.count { if case .stopped = $0 { return true } else { return false } }, 1)
        XCTAssertTrue(machine.abandoning, "what was in flight will end unanswered")
    }

    func testOpenModelCommandsKeepTheirIntendedTimeAndUnsentOnesAreDroppedNotForgotten() throws {
        let context = try context(
            load: "model: open, sessions: 1, commands_per_second: 100, spacing: uniform, pipeline_depth: 1")
        var (machine, emitted) = ready(context)
        XCTAssertTrue(emitted.take().tickets.isEmpty, "the open model sends only at intended times")
        machine.pacerFired(intended: ms(10), view: FakeView(), now: ms(12), emitted.sink)
        let first = emitted.take()
        XCTAssertEqual(first.tickets.map(\.due), [ms(10)], "latency counts from the intended time, not the send")
        XCTAssertEqual(first.count { if case .schedulePacer = $0 { return true } else { return false } }, 1)
        // the pipeline is full: the next two intended times queue up behind it
        machine.pacerFired(intended: ms(20), view: FakeView(), now: ms(20), emitted.sink)
        machine.pacerFired(intended: ms(30), view: FakeView(), now: ms(30), emitted.sink)
        XCTAssertTrue(emitted.take().tickets.isEmpty)
        machine.stop(abrupt: false, view: FakeView(), emitted.sink)
        let dropped = emitted.take().actions.compactMap {
            if case .recordDropped(let count) = $0 { return count } else { return nil }
        }
        XCTAssertEqual(dropped, [2], "commands due but never sent are counted as dropped")
    }
}
