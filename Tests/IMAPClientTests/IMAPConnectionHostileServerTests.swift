import Foundation
import IMAPProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import XCTest

@testable import IMAPClient

/// A misbehaving server must end every command in a classified outcome, in time, with memory bounded.
final class IMAPConnectionHostileServerTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!
    private var server: HostileServer?

    override func setUp() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    override func tearDown() {
        server?.stop()
        try? group.syncShutdownGracefully()
    }

    private func configuration(_ behaviour: HostileBehaviour, pipelineDepth: Int = 1) throws -> ConnectionConfiguration
    {
        let server = try HostileServer(behaviour, group: group)
        self.server = server
        var configuration = ConnectionConfiguration(host: "127.0.0.1", port: server.port)
        configuration.pipelineDepth = pipelineDepth
        configuration.timeouts.connect = .milliseconds(500)
        configuration.timeouts.greeting = .milliseconds(300)
        configuration.timeouts.command = .milliseconds(300)
        configuration.timeouts.idle = .milliseconds(300)
        configuration.parserLimits.maxLineLength = 64 * 1024
        return configuration
    }

    private func connect(_ behaviour: HostileBehaviour, pipelineDepth: Int = 1) throws -> IMAPConnection {
        try IMAPConnection.connect(try configuration(behaviour, pipelineDepth: pipelineDepth), on: group.next()).wait()
    }

    func testNobodyListeningIsConnectFailed() throws {
        let configuration = try configuration(.silent)
        server?.stop()  // its port is now closed
        XCTAssertThrowsError(try IMAPConnection.connect(configuration, on: group.next()).wait()) { error in
            XCTAssertEqual((error as? IMAPConnectionError)?.kind, .connectFailed, "\(error)")
        }
    }

    /// At the open-file limit no socket can be made (EMFILE), so the handler never joins a
    /// pipeline: the connect fails with the reason, and no promise leaks (a debug build crashed).
    func testNoSocketAtTheOpenFileLimitIsConnectFailed() throws {
        let configuration = try configuration(.silent)
        var saved = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved)
        var lowered = saved
        lowered.rlim_cur = 1  // below what is open already: no new descriptor at all
        XCTAssertEqual(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lowered), 0)
        let result = Result { try IMAPConnection.connect(configuration, on: group.next()).wait() }
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &saved)
        XCTAssertThrowsError(try result.get()) { error in
            XCTAssertEqual((error as? IMAPConnectionError)?.kind, .connectFailed, "\(error)")
        }
    }

    /// A login OK without capabilities makes the connection ask CAPABILITY itself; that command
    /// is reported through `onAutomaticCommand`, so nothing sent goes uncounted.
    func testTheCapabilityAfterATerseLoginIsReported() throws {
        let connection = try connect(.terseOK)
        let reported = NIOLockedValueBox<[CommandRecord]>([])
        try connection.eventLoop.submit {
            connection.onAutomaticCommand = { record in reported.withLockedValue { $0.append(record) } }
        }.wait()
        let login = try connection.login(user: "u", password: "p", method: .login).wait()
        XCTAssertEqual(login.kind, "LOGIN")
        XCTAssertEqual(login.outcome, .ok)
        let records = reported.withLockedValue { $0 }
        XCTAssertEqual(records.map(\.kind), ["CAPABILITY"])
        XCTAssertEqual(records.first?.outcome, .ok)
        XCTAssertEqual(records.first?.untaggedCount, 1)
        XCTAssertTrue(try connection.onLoop { $0.capabilities.contains("IDLE") })
    }

    func testGarbageIsAProtocolError() throws {
        let connection = try connect(.garbage)
        let record = try connection.send(.noop).wait()
        XCTAssertEqual(record.outcome, .protocolError, record.text)
        XCTAssertFalse(record.text.isEmpty)
        try connection.closeFuture.wait()
        XCTAssertEqual(try connection.onLoop { "\($0.state)" }, "closed")
    }

    func testMegabyteLineIsRejectedWithBoundedMemory() throws {
        let connection = try connect(.hugeLine(size: 1 << 20))
        let record = try connection.send(.noop).wait()
        XCTAssertEqual(record.outcome, .protocolError, record.text)
        try connection.closeFuture.wait()
        XCTAssertLessThanOrEqual(try connection.onLoop { $0.parserBufferedByteCount }, 64 * 1024 + 2)
    }

    func testLiteralCutShortByDisconnectEndsAsDisconnected() throws {
        let connection = try connect(.shortLiteral(announced: 10_000_000, sent: 1000))
        let record = try connection.send(
            .fetch(.single(1), items: [.bodySection(section: "", peek: true, partial: nil)], uid: false)
        ).wait()
        XCTAssertEqual(record.outcome, .disconnected, record.text)
        XCTAssertLessThan(
            try connection.onLoop { $0.parserBufferedByteCount }, 1000, "body bytes are streamed, not kept")
    }

    func testByeInTheMiddleOfAPipelineFailsTheRest() throws {
        let connection = try connect(.byeAfter(4), pipelineDepth: 8)
        let records = try (0..<6).map { _ in connection.send(.noop) }.map { try $0.wait() }
        XCTAssertEqual(records[0].outcome, .ok)
        XCTAssertEqual(records.dropFirst().map(\.outcome), Array(repeating: .bye, count: 5))
        XCTAssertTrue(records[1].text.contains("going away"))
        XCTAssertEqual(try connection.onLoop { $0.inFlightCount + $0.queuedCount }, 0)
    }

    func testServerThatNeverAnswersTimesOut() throws {
        let connection = try connect(.silent, pipelineDepth: 4)
        let started = NIODeadline.now()
        let records = try (0..<3).map { _ in connection.send(.noop) }.map { try $0.wait() }
        XCTAssertEqual(records.map(\.outcome), [.timedOut, .timedOut, .timedOut])
        XCTAssertLessThan(NIODeadline.now() - started, .seconds(2))
        XCTAssertEqual(try connection.send(.noop).wait().outcome, .timedOut, "the connection stays usable")
        try connection.close().wait()
    }

    func testAbruptCloseEndsCommandsInFlightAsDisconnected() throws {
        let connection = try connect(.silent, pipelineDepth: 4)
        let pending = connection.send(.noop)
        connection.closeAbruptly()
        XCTAssertEqual(try pending.wait().outcome, .disconnected)
        try connection.closeFuture.wait()
    }

    func testPlaintextInjectedAfterStartTLSIsRefused() throws {
        var configuration = try configuration(.startTLSInjection)
        configuration.tlsMode = .startTLS
        configuration.verifyCertificates = false
        XCTAssertThrowsError(try IMAPConnection.connect(configuration, on: group.next()).wait()) { error in
            XCTAssertEqual((error as? IMAPConnectionError)?.kind, .protocolError, "\(error)")
        }
    }

    func testGreetingOneBytePerTenthOfASecondTimesOut() throws {
        let configuration = try configuration(.dripGreeting)
        XCTAssertThrowsError(try IMAPConnection.connect(configuration, on: group.next()).wait()) { error in
            XCTAssertEqual((error as? IMAPConnectionError)?.kind, .greetingTimeout, "\(error)")
        }
    }

    func testResponseOneBytePerTenthOfASecond() throws {
        var configuration = try configuration(.dripResponse)
        let connection = try IMAPConnection.connect(configuration, on: group.next()).wait()
        let record = try connection.send(.noop).wait()
        XCTAssertEqual(record.outcome, .timedOut, "13 bytes at 100 ms each exceed the 300 ms limit")
        try connection.close().wait()

        configuration.timeouts.command = .seconds(3)
        let patient = try IMAPConnection.connect(configuration, on: group.next()).wait()
        let slow = try patient.send(.noop).wait()
        XCTAssertEqual(slow.outcome, .ok, slow.text)
        XCTAssertEqual(slow.bytesRead, "A1 OK slowly\r\n".utf8.count)
        XCTAssertLessThan(
            try XCTUnwrap(slow.firstResponseByte), slow.completed - .milliseconds(500),
            "first byte time is when the response began")
        try patient.close().wait()
    }
}
