import IMAPProtocol
import NIOCore
import XCTest

@testable import IMAPClient

/// The connection logic without sockets: events in, actions out. Promises are plain integers.
final class ConnectionStateMachineTests: XCTestCase {
    typealias Machine = ConnectionStateMachine<Int>
    private let now = NIODeadline.uptimeNanoseconds(1_000_000_000)
    private var machine = Machine(
        configuration: .init(pipelineDepth: 3, commandTimeout: .seconds(5), idleTimeout: .seconds(2)))
    private var actions: [Machine.Action] = []
    private var nextPromise = 0

    override func setUp() {
        receive(.untagged(.condition(.init(status: .ok, code: .capability(["IMAP4rev1", "IDLE"]), text: "ready"))))
        XCTAssertTrue(machine.capabilities.contains("IMAP4REV1"))
        actions.removeAll()
    }

    private func send(_ command: Command, idle: Machine.IdlePlan? = nil) -> String {
        nextPromise += 1
        return machine.enqueue(command, promise: nextPromise, idlePlan: idle, now: now, into: &actions)
    }

    private func receive(_ response: Response, bytes: Int = 10) {
        machine.receive(response, byteCount: bytes, startedAt: now, now: now, into: &actions)
    }

    private func ok(_ tag: String, code: ResponseCode? = nil) -> Response {
        .tagged(TaggedResponse(tag: tag, state: .init(status: .ok, code: code, text: "done")))
    }

    /// Takes the actions so far: the written texts and the completed records keyed by promise.
    private func drain() -> (writes: [String], records: [Int: CommandRecord], closed: Bool) {
        var writes: [String] = []
        var records: [Int: CommandRecord] = [:]
        var closed = false
        for action in actions {
            switch action {
            case .write(let range, _): writes.append(String(decoding: machine.output[range], as: UTF8.self))
            case .complete(let promise, let record):
                XCTAssertNil(records[promise], "promise \(promise) completed twice")
                records[promise] = record
            case .close: closed = true
            default: break
            }
        }
        actions.removeAll()
        machine.clearOutput()
        return (writes, records, closed)
    }

    func testPipelineWindowAndCompletionsInAnyOrder() {
        let tags = (0..<5).map { _ in send(.noop) }
        XCTAssertEqual(drain().writes, ["A1 NOOP\r\n", "A2 NOOP\r\n", "A3 NOOP\r\n"])
        XCTAssertEqual(machine.inFlightCount, 3)
        XCTAssertEqual(machine.queuedCount, 2)
        receive(ok(tags[1]))
        let afterSecond = drain()
        XCTAssertEqual(afterSecond.records[2]?.outcome, .ok)
        XCTAssertEqual(afterSecond.records[2]?.tag, "A2")
        XCTAssertEqual(afterSecond.writes, ["A4 NOOP\r\n"])
        for tag in [tags[0], tags[2], tags[3], tags[4]] { receive(ok(tag)) }
        let rest = drain()
        XCTAssertEqual(Set(rest.records.keys), [1, 3, 4, 5])
        XCTAssertEqual(machine.inFlightCount + machine.queuedCount, 0)
    }

    /// Commands written during a read burst leave at the burst's flush: that moment, not the one
    /// they were buffered, is their first byte written; commands flushed before keep theirs.
    func testFirstByteWrittenIsTheFlush() {
        let early = send(.noop)
        machine.markFlushed(now: now)
        let buffered = [send(.noop), send(.noop)]
        let flushedAt = now + .microseconds(70)
        machine.markFlushed(now: flushedAt)
        for tag in [early] + buffered { receive(ok(tag)) }
        let records = drain().records
        XCTAssertEqual(records[1]?.firstByteWritten, now)
        XCTAssertEqual(records[2]?.firstByteWritten, flushedAt)
        XCTAssertEqual(records[3]?.firstByteWritten, flushedAt)
    }

    func testBarrierWaitsForThePipelineToDrain() {
        let noop = send(.noop)
        _ = send(.select(mailbox: "INBOX"))
        XCTAssertEqual(drain().writes, ["A1 NOOP\r\n"])
        XCTAssertFalse(machine.canSendNow(.noop), "nothing overtakes the queued SELECT")
        receive(ok(noop))
        XCTAssertEqual(drain().writes, ["A2 SELECT INBOX\r\n"])
        XCTAssertFalse(machine.canSendNow(.noop), "nothing runs beside SELECT")
    }

    func testSynchronizingLiteralWaitsForContinuationAndBlocksOtherWrites() {
        let append = send(.append(mailbox: "INBOX", flags: [], date: nil, message: Array("hello".utf8)))
        _ = send(.noop)
        let first = drain()
        XCTAssertEqual(first.writes.count, 1)
        XCTAssertTrue(first.writes[0].hasSuffix("{5}\r\n"), first.writes[0])
        receive(.continuation("go ahead"))
        XCTAssertEqual(drain().writes, ["hello\r\n", "A2 NOOP\r\n"])
        receive(ok(append))
        let record = drain().records[1]
        XCTAssertEqual(record?.bytesWritten, first.writes[0].utf8.count + 7)
        XCTAssertEqual(record?.bytesRead, 20, "continuation and tagged response")
    }

    func testLiteralPlusIsUsedWhenAdvertised() {
        machine.updateCapabilities(["IMAP4rev1", "LITERAL+"])
        _ = send(.append(mailbox: "INBOX", flags: [], date: nil, message: Array("hello".utf8)))
        let writes = drain().writes
        XCTAssertEqual(writes.count, 1)
        XCTAssertTrue(writes[0].contains("{5+}\r\nhello"), writes[0])
    }

    func testByeInTheMiddleOfAPipelineFailsEverything() {
        let first = send(.noop)
        for _ in 0..<4 { _ = send(.noop) }
        receive(ok(first))
        _ = drain()
        receive(.untagged(.condition(.init(status: .bye, text: "shutting down"))))
        let result = drain()
        XCTAssertEqual(result.records.count, 4)
        XCTAssertTrue(result.records.values.allSatisfy { $0.outcome == .bye && $0.text == "shutting down" })
        XCTAssertTrue(result.closed)
        XCTAssertEqual(drainAfterSend().records.first?.value.outcome, .bye, "later commands end at once")
    }

    private func drainAfterSend() -> (writes: [String], records: [Int: CommandRecord], closed: Bool) {
        _ = send(.noop)
        return drain()
    }

    func testTimeoutEndsTheCommandAndALateReplyIsIgnored() {
        let tag = send(.noop)
        _ = drain()
        machine.timeoutFired(tag: tag, now: now + .seconds(5), into: &actions)
        let result = drain()
        XCTAssertEqual(result.records[1]?.outcome, .timedOut)
        XCTAssertFalse(result.closed)
        receive(ok(tag))
        XCTAssertTrue(drain().records.isEmpty)
        XCTAssertEqual(machine.state, .notAuthenticated)
    }

    /// A NOOP that timed out may still run and send EXPUNGE: a FETCH by sequence number waits for
    /// its late reply (a UID FETCH need not), and so does a barrier. Without a reply, the wait ends
    /// after one more command timeout.
    func testATimedOutCommandHoldsBackSequenceNumbersUntilItsLateReply() {
        let fetch = Command.fetch(.single(1), items: [.flags], uid: false)
        let noop = send(.noop)
        _ = drain()
        machine.timeoutFired(tag: noop, now: now + .seconds(5), into: &actions)
        XCTAssertEqual(drain().records[1]?.outcome, .timedOut)
        XCTAssertFalse(machine.canSendNow(fetch))
        XCTAssertFalse(machine.canSendNow(.select(mailbox: "INBOX")))
        XCTAssertTrue(machine.canSendNow(.fetch(.single(1), items: [.flags], uid: true)))
        _ = send(fetch)
        XCTAssertEqual(drain().writes, [], "the FETCH waits")
        receive(ok(noop))
        XCTAssertEqual(drain().writes, ["A2 FETCH 1 (FLAGS)\r\n"], "the late reply lets it go")
        receive(ok("A2"))
        _ = drain()

        let second = send(.noop)
        _ = drain()
        machine.timeoutFired(tag: second, now: now + .seconds(5), into: &actions)
        _ = send(fetch)
        XCTAssertEqual(drain().writes, [])
        XCTAssertEqual(machine.expiredTags(now: now + .seconds(10)), [second])
        machine.timeoutFired(tag: second, now: now + .seconds(10), into: &actions)
        XCTAssertEqual(drain().writes, ["A4 FETCH 1 (FLAGS)\r\n"], "no reply: the wait ends one timeout later")
    }

    /// After login, a SELECT that timed out may or may not have switched mailboxes: the connection
    /// closes rather than name messages of an unknown mailbox.
    func testATimedOutSelectClosesTheConnection() {
        let login = send(.login(user: "u", password: "p"))
        receive(ok(login))
        _ = drain()
        let select = send(.select(mailbox: "INBOX"))
        _ = drain()
        machine.timeoutFired(tag: select, now: now + .seconds(5), into: &actions)
        let result = drain()
        XCTAssertEqual(result.records[2]?.outcome, .timedOut)
        XCTAssertTrue(result.closed)
        XCTAssertEqual(machine.state, .closed)
    }

    func testTimeoutWhileAwaitingAContinuationClosesTheConnection() {
        let append = send(.append(mailbox: "INBOX", flags: [], date: nil, message: Array("x".utf8)))
        _ = send(.noop)
        _ = drain()
        machine.timeoutFired(tag: append, now: now, into: &actions)
        let result = drain()
        XCTAssertEqual(result.records[1]?.outcome, .timedOut)
        XCTAssertEqual(result.records[2]?.outcome, .disconnected)
        XCTAssertTrue(result.closed)
    }

    func testProtocolErrorAndDisconnectFailEverything() {
        _ = send(.noop)
        _ = send(.noop)
        machine.protocolError("garbage", now: now, into: &actions)
        let result = drain()
        XCTAssertEqual(result.records.values.map(\.outcome), [.protocolError, .protocolError])
        XCTAssertTrue(result.closed)

        var other = Machine(
            configuration: .init(pipelineDepth: 1, commandTimeout: .seconds(1), idleTimeout: .seconds(1)))
        var otherActions: [Machine.Action] = []
        _ = other.enqueue(.noop, promise: 9, now: now, into: &otherActions)
        other.channelClosed(now: now, into: &otherActions)
        let outcomes = otherActions.compactMap { action -> CommandOutcome? in
            if case .complete(_, let record) = action { return record.outcome } else { return nil }
        }
        XCTAssertEqual(outcomes, [.disconnected], "a command queued before the greeting")
    }

    func testUntaggedBytesGoToTheOldestCommand() {
        let first = send(.noop)
        let second = send(.noop)
        _ = drain()
        receive(.untagged(.exists(4)), bytes: 12)
        receive(ok(second), bytes: 5)
        receive(ok(first), bytes: 7)
        let records = drain().records
        XCTAssertEqual(records[1]?.bytesRead, 19)
        XCTAssertEqual(records[1]?.untaggedCount, 1)
        XCTAssertEqual(records[2]?.bytesRead, 5)
        XCTAssertEqual(machine.mailbox.exists, 4)
    }

    func testIdleEndsOnNewMail() {
        let tag = send(.idle, idle: .init(duration: .seconds(60), endOnNewMail: true))
        XCTAssertEqual(drain().writes, ["\(tag) IDLE\r\n"])
        receive(.continuation("idling"))
        XCTAssertTrue(actions.contains { if case .scheduleIdleEnd = $0 { true } else { false } })
        _ = drain()
        receive(.untagged(.exists(51)))
        XCTAssertEqual(drain().writes, ["DONE\r\n"])
        receive(ok(tag))
        XCTAssertEqual(drain().records[1]?.outcome, .ok)
    }

    /// Deadlines: a command times out `commandTimeout` after it was written; an IDLE does not
    /// while it idles (its end timer governs), and has `idleTimeout` after DONE.
    func testDeadlinesOfCommandsAndOfAnIdle() {
        let noop = send(.noop)
        XCTAssertEqual(machine.earliestDeadline, now + .seconds(5))
        XCTAssertEqual(machine.expiredTags(now: now + .seconds(4)), [])
        XCTAssertEqual(machine.expiredTags(now: now + .seconds(5)), [noop])
        receive(ok(noop))
        XCTAssertNil(machine.earliestDeadline, "a completed command leaves no deadline")
        _ = drain()
        let idle = send(.idle, idle: .init(duration: .seconds(60), endOnNewMail: false))
        XCTAssertEqual(
            machine.expiredTags(now: now + .seconds(5)), [idle], "waiting for \"+\" is a command like any other")
        receive(.continuation("idling"))
        XCTAssertEqual(machine.expiredTags(now: now + .seconds(59)), [], "an IDLE in progress must not time out")
        XCTAssertNil(machine.earliestDeadline)
        machine.endIdle(now: now + .seconds(60), into: &actions)
        XCTAssertEqual(machine.earliestDeadline, now + .seconds(62))
        XCTAssertEqual(machine.expiredTags(now: now + .seconds(62)), [idle])
    }

    /// A run that stops while the IDLE still waits for its "+" (what `endIdle()` does then)
    /// ends the IDLE as soon as the "+" comes, not after its planned minutes.
    func testIdleShortenedBeforeTheContinuationEndsRightAfterIt() {
        _ = send(.idle, idle: .init(duration: .seconds(240), endOnNewMail: false))
        _ = drain()
        machine.idle?.plan.duration = .zero
        receive(.continuation("idling"))
        let ends = actions.compactMap { action -> NIODeadline? in
            if case .scheduleIdleEnd(_, let deadline) = action { return deadline } else { return nil }
        }
        XCTAssertEqual(ends, [now], "the IDLE should end at once, not after 240 s")
    }

    func testLoginStateAndCapabilitiesFromTheOKCode() {
        let tag = send(.login(user: "u", password: "p"))
        XCTAssertTrue(
            actions.contains { if case .write(_, let text) = $0 { text == "A1 LOGIN \"u\" <redacted>" } else { false } }
        )
        _ = drain()
        receive(ok(tag, code: .capability(["IMAP4rev1", "LITERAL+", "MOVE"])))
        XCTAssertEqual(machine.state, .authenticated)
        XCTAssertTrue(machine.capabilities.contains("MOVE"))
        XCTAssertTrue(machine.encoder.options.literalPlus)
    }

    /// The protocol log hides the password only: which user failed to log in is what it is read for.
    func testTheLogShowsTheUserNameButNeverThePassword() {
        let tag = send(.login(user: "user7", password: "s3cret"))
        var logged = loggedTexts()
        receive(.tagged(TaggedResponse(tag: tag, state: .init(status: .no, code: nil, text: "wrong"))))
        _ = send(.authenticatePlain(user: "user8", password: "s3cret"))
        logged += loggedTexts()
        XCTAssertEqual(logged.count, 2, "\(logged)")
        XCTAssertTrue(logged.contains { $0.contains("LOGIN \"user7\"") }, "\(logged)")
        XCTAssertTrue(logged.contains { $0.contains("AUTHENTICATE PLAIN") && $0.contains("user8") }, "\(logged)")
        XCTAssertFalse(logged.contains { $0.contains("s3cret") }, "\(logged)")
    }

    private func loggedTexts() -> [String] {
        defer { actions.removeAll() }
        return actions.compactMap { action -> String? in
            if case .write(_, let text) = action { return text } else { return nil }
        }
    }
}
