import IMAPClient
import IMAPProtocol
import NIOCore
import NIOPosix
import XCTest

@testable import IMAPServer

/// The server through the project's own client (IMAPClient): protocol, TLS and how the client
/// classifies each injected fault.
final class ClientIntegrationTests: ServerTestCase {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    override func tearDown() async throws {
        try await super.tearDown()
        try await group.shutdownGracefully()
    }

    private func open(
        _ server: EmbeddedIMAPServer, tls: TLSMode = .none, commandTimeout: TimeAmount = .seconds(5),
        login: Bool = true
    ) async throws -> IMAPConnection {
        var configuration = ConnectionConfiguration(
            host: "127.0.0.1", port: tls == .implicit ? server.tlsPort ?? 0 : server.port)
        configuration.tlsMode = tls
        configuration.caFile = server.certificatePath
        configuration.serverName = "localhost"
        configuration.timeouts.command = commandTimeout
        let connection = try await IMAPConnection.connect(configuration, on: group.next()).get()
        if login {
            let record = try await connection.login(user: "user1", password: "pass", method: .login).get()
            XCTAssertEqual(record.outcome, .ok, record.text)
        }
        return connection
    }

    /// The callback form of `send` (the generator's path): called once per command, on the loop,
    /// in tag order, also for commands cut short by a disconnect.
    func testSendWithCompletionCallsBackOncePerCommand() async throws {
        let server = try await startServer()
        let connection = try await open(server)
        let loop = connection.eventLoop
        let outcomes = try await loop.submit { () -> EventLoopFuture<[CommandOutcome]> in
            let done = loop.makePromise(of: [CommandOutcome].self)
            var seen: [CommandOutcome] = []
            let commands: [Command] = [
                .select(mailbox: "INBOX"), .check, .fetch(.single(1), items: [.uid], uid: false), .logout, .noop,
            ]
            for command in commands {
                connection.send(command) { record in
                    XCTAssertTrue(loop.inEventLoop)
                    seen.append(record.outcome)
                    if seen.count == commands.count { done.succeed(seen) }
                }
            }
            return done.futureResult
        }.flatMap { $0 }.get()
        XCTAssertEqual(outcomes.prefix(4), [.ok, .ok, .ok, .ok])
        XCTAssertNotEqual(outcomes[4], .ok, "a command after LOGOUT cannot succeed")
    }

    /// A server on lent loops (the caller keeps them running) still closes its connections on stop.
    func testStopOnLentLoopsClosesEveryConnection() async throws {
        let lent = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var configuration = ServerConfiguration()
        configuration.users = 2
        configuration.messagesPerMailbox = 2
        configuration.startTLS = false
        configuration.eventLoopGroup = lent
        let server = try await EmbeddedIMAPServer.start(configuration)
        let connection = try await open(server)
        try await server.stop()
        var waited = 0
        while try await connection.eventLoop.submit({ connection.state }).get() != .closed, waited < 50 {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        let state = try await connection.eventLoop.submit({ connection.state }).get()
        XCTAssertEqual(state, .closed, "the connection stayed open after stop()")
        let alive = try await lent.next().submit { 1 }.get()
        XCTAssertEqual(alive, 1, "the lent loops must still run")
        try await lent.shutdownGracefully()
    }

    func testFetchStoreSearchAppendCopyMoveThroughIMAPClient() async throws {
        let server = try await startServer()
        let connection = try await open(server)
        let select = try await connection.send(.select(mailbox: "INBOX")).get()
        XCTAssertEqual(select.outcome, .ok)
        XCTAssertEqual(connection.mailbox.exists, 10)
        // BODY and BODYSTRUCTURE are checked through imaplib and the socket client: IMAPClient
        // (as merged) rejects multipart structures written as RFC 3501 `1*body` (no space between parts).
        let items: [FetchItem] = [
            .flags, .uid, .internalDate, .rfc822Size, .envelope,
            .bodySection(section: "", peek: true, partial: nil),
            .bodySection(section: "HEADER", peek: true, partial: nil),
            .bodySection(section: "TEXT", peek: true, partial: nil),
            .bodySection(section: "1", peek: true, partial: 0...99),
        ]
        let fetch = try await connection.send(.fetch(.range(1, nil), items: items, uid: true)).get()
        XCTAssertEqual(fetch.outcome, .ok, fetch.text)
        XCTAssertEqual(fetch.untaggedCount, 10)
        let store = try await connection.send(.store(.single(1), .add, flags: ["\\Flagged"], silent: false, uid: false))
            .get()
        XCTAssertEqual(store.outcome, .ok)
        let search = try await connection.send(.search(criteria: "FLAGGED", uid: true)).get()
        XCTAssertEqual(search.outcome, .ok)
        let message = Array("Subject: client\r\n\r\nhi\r\n".utf8)
        let append = try await connection.send(.append(mailbox: "INBOX", flags: [], date: nil, message: message)).get()
        XCTAssertEqual(append.outcome, .ok, append.text)
        guard case .appendUID = append.code else {
            return XCTFail("APPENDUID expected, got \(String(describing: append.code))")
        }
        let copy = try await connection.send(.copy(.single(1), mailbox: "Archive", uid: false)).get()
        XCTAssertEqual(copy.outcome, .ok)
        let move = try await connection.send(.move(.single(2), mailbox: "Trash", uid: false)).get()
        XCTAssertEqual(move.outcome, .ok)
        XCTAssertEqual(connection.mailbox.exists, 10, "11 after APPEND, 10 after MOVE")
        let missing = try await connection.send(.select(mailbox: "Nowhere")).get()
        XCTAssertEqual(missing.outcome, .no)
        let bad = try await connection.send(.raw("FROBNICATE")).get()
        XCTAssertEqual(bad.outcome, .bad)
        _ = try await connection.send(.logout).get()
    }

    func testIdleNotificationThroughIMAPClient() async throws {
        let server = try await startServer()
        let idler = try await open(server)
        let other = try await open(server)
        _ = try await idler.send(.select(mailbox: "INBOX")).get()
        _ = try await other.send(.select(mailbox: "INBOX")).get()
        let idle = idler.idle(for: .seconds(3), endOnNewMail: true)
        try await Task.sleep(for: .milliseconds(100))
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await other.send(
            .append(mailbox: "INBOX", flags: [], date: nil, message: Array("Subject: x\r\n\r\ny\r\n".utf8))
        ).get()
        let record = try await idle.get()
        XCTAssertEqual(record.outcome, .ok)
        XCTAssertLessThan(clock.now - start, .seconds(2), "IDLE ended on the EXISTS push, not on its timer")
        try await idler.eventLoop.submit { XCTAssertEqual(idler.mailbox.exists, 11) }.get()
    }

    func testStartTLSAndImplicitTLSThroughIMAPClient() async throws {
        let server = try await startServer {
            $0.startTLS = true
            $0.tlsPort = 0
        }
        guard server.certificatePath != nil else { throw XCTSkip("TLS is off: \(server.tlsUnavailableReason ?? "")") }
        let upgraded = try await open(server, tls: .startTLS)
        let noop = try await upgraded.send(.noop).get()
        XCTAssertEqual(noop.outcome, .ok)
        let secure = try await open(server, tls: .implicit)
        let select = try await secure.send(.select(mailbox: "INBOX")).get()
        XCTAssertEqual(select.outcome, .ok)
    }

    /// The generated private key leaves the disk once loaded, and the certificate's directory goes
    /// with the server (every run once left a key.pem behind in /tmp).
    func testGeneratedTLSFilesDoNotOutliveTheServer() async throws {
        let server = try await EmbeddedIMAPServer.start(
            {
                var configuration = ServerConfiguration(); configuration.startTLS = true; return configuration
            }())
        guard let certificate = server.certificatePath else {
            try await server.stop()
            throw XCTSkip("TLS is off: \(server.tlsUnavailableReason ?? "")")
        }
        let directory = URL(fileURLWithPath: certificate).deletingLastPathComponent()
        XCTAssertTrue(FileManager.default.fileExists(atPath: certificate), "clients read the certificate")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("key.pem").path))
        try await server.stop()
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path))
    }

    func testDelayIsMeasuredByIMAPClient() async throws {
        let server = try await startServer { $0.delays = [try! DelaySpec.parse("NOOP=5ms")] }
        let connection = try await open(server)
        for _ in 0..<5 {
            let record = try await connection.send(.noop).get()
            XCTAssertEqual(record.outcome, .ok)
            let latency =
                record.completed.uptimeNanoseconds - (record.firstByteWritten ?? record.enqueued).uptimeNanoseconds
            XCTAssertGreaterThanOrEqual(latency, 5_000_000)
        }
    }

    func testEachFaultIsClassifiedByIMAPClient() async throws {
        let expectations: [(String, CommandOutcome)] = [
            ("bye=1", .bye), ("disconnect=1", .disconnected), ("malformed=1", .protocolError), ("drop=1", .timedOut),
        ]
        for (spec, expected) in expectations {
            let server = try await startServer { $0.faults = [try! FaultSpec.parse(spec)] }
            let connection = try await open(server, commandTimeout: .milliseconds(300), login: false)
            let record = try await connection.send(.noop).get()
            XCTAssertEqual(record.outcome, expected, "\(spec): \(record.text)")
            try await server.stop()
            self.server = nil
        }
    }

    func testAutologoutIsSeenAsByeByIMAPClient() async throws {
        let server = try await startServer { $0.autologout = try! AutologoutSpec.parse("auth=100ms,mode=bye") }
        let connection = try await open(server)
        try await connection.closeFuture.get()
        let after = try await connection.send(.noop).get()
        XCTAssertEqual(after.outcome, .disconnected)
    }
}
