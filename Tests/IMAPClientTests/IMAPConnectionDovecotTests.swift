import IMAPProtocol
import NIOCore
import NIOPosix
import XCTest

@testable import IMAPClient

/// End-to-end tests against the Dovecot testbed (users user1..user200, password `pass`, 50 messages each).
/// Users user100..user149 are the ones whose mail these tests change.
final class IMAPConnectionDovecotTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!
    private var eventLoop: EventLoop { group.next() }

    override func setUp() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    override func tearDown() {
        try? group.syncShutdownGracefully()
    }

    func testLoginSucceedsAndCapabilitiesAreKnown() throws {
        let connection = try DovecotTestbed.connect(DovecotTestbed.configuration(), on: eventLoop)
        XCTAssertTrue(try connection.onLoop { $0.capabilities.contains("IMAP4REV1") })
        let record = try connection.login(user: "user1", password: DovecotTestbed.password, method: .login).wait()
        XCTAssertEqual(record.outcome, .ok, record.text)
        XCTAssertEqual(record.kind, "LOGIN")
        XCTAssertGreaterThan(record.bytesWritten, 0)
        XCTAssertGreaterThan(record.bytesRead, 0)
        XCTAssertNotNil(record.firstByteWritten)
        XCTAssertNotNil(record.firstResponseByte)
        XCTAssertEqual(try connection.onLoop { "\($0.state)" }, "authenticated")
        XCTAssertTrue(try connection.onLoop { $0.capabilities.contains("UIDPLUS") }, "capabilities after login")
        let logout = try connection.send(.logout).wait()
        XCTAssertEqual(logout.outcome, .ok)
        try connection.closeFuture.wait()
    }

    func testWrongPasswordGivesNo() throws {
        let connection = try DovecotTestbed.connect(DovecotTestbed.configuration(), on: eventLoop)
        let record = try connection.login(user: "user1", password: "wrong", method: .login).wait()
        XCTAssertEqual(record.outcome, .no, record.text)
        XCTAssertEqual(try connection.onLoop { "\($0.state)" }, "notAuthenticated")
        try connection.close().wait()
    }

    func testAuthenticatePlainWithInitialResponse() throws {
        let log = Collector<String>()
        var configuration = DovecotTestbed.configuration()
        configuration.protocolLog = { log.append($0) }
        let connection = try DovecotTestbed.connect(configuration, on: eventLoop)
        let record = try connection.login(user: "user2", password: DovecotTestbed.password, method: .plain).wait()
        XCTAssertEqual(record.outcome, .ok, record.text)
        XCTAssertEqual(record.kind, "AUTHENTICATE")
        XCTAssertFalse(log.values.contains { $0.contains("dXNlcj") }, "the SASL payload must be redacted")
        XCTAssertTrue(log.values.contains { $0.hasPrefix("C: ") && $0.contains("<redacted>") })
        try connection.close().wait()
    }

    func testAuthenticatePlainThroughContinuation() throws {
        let connection = try DovecotTestbed.connect(DovecotTestbed.configuration(), on: eventLoop)
        try eventLoop.submit { connection.handler.machine.encoder.options.saslIR = false }.wait()
        let record = try connection.login(user: "user3", password: DovecotTestbed.password, method: .plain).wait()
        XCTAssertEqual(record.outcome, .ok, record.text)
        try connection.close().wait()
    }

    func testStartTLSThenLogin() throws {
        let connection = try DovecotTestbed.connect(DovecotTestbed.configuration(tls: .startTLS), on: eventLoop)
        let timings = try connection.onLoop { $0.timings }
        XCTAssertNotNil(timings.greetingReceived)
        XCTAssertNotNil(timings.startTLSStarted)
        XCTAssertNotNil(timings.startTLSCompleted)
        XCTAssertFalse(
            try connection.onLoop { $0.capabilities.contains("STARTTLS") }, "capabilities asked again over TLS")
        let record = try connection.login(user: "user4", password: DovecotTestbed.password, method: .login).wait()
        XCTAssertEqual(record.outcome, .ok, record.text)
        try connection.close().wait()
    }

    func testImplicitTLSWithTestbedCA() throws {
        let connection = try DovecotTestbed.connect(DovecotTestbed.configuration(tls: .implicit), on: eventLoop)
        XCTAssertNotNil(try connection.onLoop { $0.timings.tlsHandshaked })
        let record = try connection.login(user: "user5", password: DovecotTestbed.password, method: .plain).wait()
        XCTAssertEqual(record.outcome, .ok, record.text)
        try connection.close().wait()
    }

    func testImplicitTLSWithoutTheCAFailsVerification() throws {
        var configuration = DovecotTestbed.configuration(tls: .implicit)
        configuration.caFile = nil
        XCTAssertThrowsError(try IMAPConnection.connect(configuration, on: eventLoop).wait()) { error in
            XCTAssertEqual(
                (error as? IMAPConnectionError)?.kind, .tlsFailed,
                "\(error) (is Dovecot running? Scripts/test starts it)")
        }
    }

    func testPipelinedBurstCompletesEveryTagOnce() throws {
        let connection = try DovecotTestbed.loggedIn(
            "user6", on: eventLoop, configuration: DovecotTestbed.configuration(pipelineDepth: 16))
        XCTAssertEqual(try connection.send(.examine(mailbox: "INBOX")).wait().outcome, .ok)
        let commands: [Command] = [
            .noop, .fetch(.range(1, 10), items: [.flags, .uid], uid: false),
            .fetch(.all, items: [.rfc822Size], uid: true),
            .status(mailbox: "INBOX", items: [.messages, .uidNext]), .search(criteria: "ALL", uid: true),
            .list(reference: "", pattern: "*"), .capability,
            .fetch(.single(3), items: [.bodySection(section: "", peek: true, partial: nil)], uid: false),
            .search(criteria: "UNSEEN", uid: false), .namespace,
        ]
        let futures = (0..<50).map { connection.send(commands[$0 % commands.count]) }
        let records = try futures.map { try $0.wait() }
        XCTAssertEqual(Set(records.map(\.tag)).count, 50, "every tag distinct")
        for record in records { XCTAssertEqual(record.outcome, .ok, "\(record.kind) \(record.tag): \(record.text)") }
        let overlapping = zip(records, records.dropFirst()).contains { earlier, later in
            (later.firstByteWritten ?? later.completed) < earlier.completed
        }
        XCTAssertTrue(overlapping, "some commands were written before the previous one completed")
        XCTAssertEqual(try connection.onLoop { $0.inFlightCount + $0.queuedCount }, 0)
        try connection.close().wait()
    }

    func testAppendWithSynchronizingLiteral() throws {
        let log = Collector<String>()
        var configuration = DovecotTestbed.configuration()
        configuration.protocolLog = { log.append($0) }
        let connection = try DovecotTestbed.loggedIn("user100", on: eventLoop, configuration: configuration)
        try eventLoop.submit { connection.handler.machine.encoder.options = EncodingOptions() }.wait()
        let message = testMessage(subject: "synchronizing")
        let record = try connection.send(.append(mailbox: "INBOX", flags: ["\\Seen"], date: nil, message: message))
            .wait()
        XCTAssertEqual(record.outcome, .ok, record.text)
        XCTAssertGreaterThan(record.bytesWritten, message.count)
        XCTAssertTrue(log.values.contains { $0.hasPrefix("S: +") }, "the server's continuation was awaited")
        try connection.close().wait()
    }

    func testAppendWithLiteralPlus() throws {
        let log = Collector<String>()
        var configuration = DovecotTestbed.configuration()
        configuration.protocolLog = { log.append($0) }
        let connection = try DovecotTestbed.loggedIn("user101", on: eventLoop, configuration: configuration)
        XCTAssertTrue(try connection.onLoop { $0.capabilities.contains("LITERAL+") })
        let record = try connection.send(
            .append(mailbox: "INBOX", flags: [], date: nil, message: testMessage(subject: "plus"))
        ).wait()
        XCTAssertEqual(record.outcome, .ok, record.text)
        XCTAssertTrue(log.values.contains { $0.hasPrefix("C: ") && $0.contains("+}") }, "a non-synchronizing literal")
        XCTAssertFalse(log.values.contains { $0.hasPrefix("S: +") }, "no continuation needed")
        if case .appendUID = record.code {
        } else {
            XCTFail("expected APPENDUID, got \(String(describing: record.code))")
        }
        try connection.close().wait()
    }

    func testIdleReceivesExistsFromAnotherConnection() throws {
        let idler = try DovecotTestbed.loggedIn("user102", on: eventLoop)
        XCTAssertEqual(try idler.send(.select(mailbox: "INBOX")).wait().outcome, .ok)
        let before = try idler.onLoop { $0.mailbox.exists }
        let seen = Collector<UInt32>()
        try eventLoop.submit {
            idler.onUntagged = { if case .exists(let count) = $0 { seen.append(count) } }
        }.wait()
        let idle = idler.idle(for: .seconds(8), endOnNewMail: true)
        // Wait until the server has accepted IDLE before appending from the second connection.
        let deadline = Date().addingTimeInterval(3)
        while try idler.onLoop({ $0.handler.machine.idle?.phase != .idling }), Date() < deadline { usleep(10_000) }
        let appender = try DovecotTestbed.loggedIn("user102", on: eventLoop)
        let append = try appender.send(
            .append(mailbox: "INBOX", flags: [], date: nil, message: testMessage(subject: "idle"))
        ).wait()
        XCTAssertEqual(append.outcome, .ok, append.text)
        let record = try idle.wait()
        XCTAssertEqual(record.outcome, .ok, record.text)
        XCTAssertLessThan(
            record.completed - (record.firstByteWritten ?? record.completed), .seconds(7), "ended early on EXISTS")
        XCTAssertTrue(seen.values.contains { $0 > before }, "EXISTS seen while idling: \(seen.values)")
        XCTAssertGreaterThan(try idler.onLoop { $0.mailbox.exists }, before)
        try idler.close().wait()
        try appender.close().wait()
    }

    func testExpungeRenumbersTheMailboxView() throws {
        let connection = try DovecotTestbed.loggedIn("user103", on: eventLoop)
        _ = try connection.send(.append(mailbox: "INBOX", flags: [], date: nil, message: testMessage(subject: "a")))
            .wait()
        _ = try connection.send(.append(mailbox: "INBOX", flags: [], date: nil, message: testMessage(subject: "b")))
            .wait()
        XCTAssertEqual(try connection.send(.select(mailbox: "INBOX")).wait().outcome, .ok)
        XCTAssertEqual(try connection.send(.fetch(.all, items: [.uid], uid: false)).wait().outcome, .ok)
        let (exists, second, third) = try connection.onLoop {
            ($0.mailbox.exists, $0.mailbox.uid(atSequence: 2), $0.mailbox.uid(atSequence: 3))
        }
        XCTAssertGreaterThanOrEqual(exists, 3)
        XCTAssertNotNil(third)
        let store = try connection.send(.store(.single(2), .add, flags: ["\\Deleted"], silent: true, uid: false)).wait()
        XCTAssertEqual(store.outcome, .ok, store.text)
        let expunge = try connection.send(.expunge).wait()
        XCTAssertEqual(expunge.outcome, .ok, expunge.text)
        XCTAssertGreaterThanOrEqual(expunge.untaggedCount, 1)
        let (after, newSecond) = try connection.onLoop { ($0.mailbox.exists, $0.mailbox.uid(atSequence: 2)) }
        XCTAssertEqual(after, exists - 1)
        XCTAssertEqual(newSecond, third, "message 3 became message 2")
        XCTAssertNotEqual(newSecond, second)
        try connection.close().wait()
    }
}
