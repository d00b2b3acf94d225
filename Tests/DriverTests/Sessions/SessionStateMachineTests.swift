@testable import Driver
import IMAPClient
import IMAPProtocol
import NIOCore
import Workload
import XCTest

/// The session machine without sockets: a fake connection, made-up times.
final class SessionStateMachineTests: XCTestCase {
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

    private func context(pipeline: Int, operation: String = "noop") throws -> RunContext {
        let yaml = """
            users: {pattern: "user%d", range: 1-2, password: pass}
            connection: {open: none}
            load: {model: closed, sessions: 1, think_time: none, pipeline_depth: \(pipeline)}
            phases: {duration: 2s}
            operations:
              - type: \(operation)
            """
        let profile = try ProfileLoader.load(yaml: yaml, source: "test.yaml")
        let plan = try RunPlan(
            profileName: "t", resolved: profile, overrides: RunOverrides(), host: "127.0.0.1", port: 1)
        return RunContext(plan: plan, behaviour: SessionBehaviour(profile: profile), start: .uptimeNanoseconds(0))
    }

    /// Sends of a machine that connected (PREAUTH) at `now`.
    private func readyMachine(_ context: RunContext, now: NIODeadline) -> (SessionStateMachine, [Command]) {
        var machine = SessionStateMachine(index: 0, context: context)
        var sent: [Command] = []
        let emit: (SessionAction) -> Void = { if case .send(let command, _) = $0 { sent.append(command) } }
        machine.start(emit)
        machine.connected(preauthenticated: true, view: FakeView(), now: now, emit)
        return (machine, sent)
    }

    func testTheMachineKeepsExactlyThePipelineDepthOutstanding() throws {
        let (machine, sent) = readyMachine(try context(pipeline: 4), now: .uptimeNanoseconds(1_000))
        XCTAssertEqual(sent.count, 4, "the depth is enforced by the machine, not by the connection")
        XCTAssertEqual(machine.outstanding, 4)
        XCTAssertEqual(machine.state, .ready)
    }

    func testTwoRunsCreateMailboxesOfDifferentNames() throws {
        let names = try (0..<2).map { _ -> String in
            let (_, sent) = readyMachine(try context(pipeline: 1, operation: "create"), now: .uptimeNanoseconds(1_000))
            guard case .create(let name) = sent.first else { XCTFail("no CREATE: \(sent)"); return "" }
            return name
        }
        XCTAssertNotEqual(names[0], names[1], "the run tag keeps the runs' mailboxes apart")
    }
}
