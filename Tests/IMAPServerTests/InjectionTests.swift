import XCTest

@testable import IMAPServer

/// Each timing and fault knob, observed from the client side.
final class InjectionTests: ServerTestCase {
    private func elapsed(_ body: () throws -> Void) rethrows -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return clock.now - start
    }

    func testFiveMillisecondDelayIsMeasuredByTheClient() async throws {
        let server = try await startServer { $0.delays = [try! DelaySpec.parse("NOOP=5ms")] }
        let connection = try connect(server)
        for index in 0..<10 {
            let roundTrip = try elapsed { XCTAssertTagged(try connection.command("n\(index)", "NOOP"), "n\(index) OK") }
            XCTAssertGreaterThanOrEqual(roundTrip, .milliseconds(5))
        }
        // Commands without a delay spec are not delayed by it.
        let capability = try elapsed { _ = try connection.command("c", "CAPABILITY") }
        XCTAssertLessThan(capability, .milliseconds(5))
    }

    func testSerialProcessingAnswersPipelinedCommandsOneDelayAfterAnother() async throws {
        let serial = try await pipelinedNoopTime(serial: true)
        try await server?.stop()
        let concurrent = try await pipelinedNoopTime(serial: false)
        XCTAssertGreaterThanOrEqual(serial, .milliseconds(200), "10 x 20 ms one after another")
        XCTAssertLessThan(concurrent, .milliseconds(150), "10 x 20 ms overlapping")
    }

    private func pipelinedNoopTime(serial: Bool) async throws -> Duration {
        let server = try await startServer {
            $0.delays = [try! DelaySpec.parse("NOOP=20ms")]
            $0.serialProcessing = serial
        }
        let connection = try connect(server)
        return try elapsed {
            try connection.send((0..<10).map { "p\($0) NOOP\r\n" }.joined())
            _ = try connection.readUntilTagged("p9")
        }
    }

    func testStallHoldsResponsesThenGoesOn() async throws {
        let server = try await startServer()
        let connection = try connect(server)
        server.stall(for: .milliseconds(300))
        let stalled = try elapsed { XCTAssertTagged(try connection.command("s1", "NOOP"), "s1 OK") }
        XCTAssertGreaterThanOrEqual(stalled, .milliseconds(250))
        let after = try elapsed { _ = try connection.command("s2", "NOOP") }
        XCTAssertLessThan(after, .milliseconds(100))
    }

    func testPlannedStallFromConfiguration() async throws {
        let server = try await startServer { $0.stalls = [try! StallSpec.parse("100ms:300ms")] }
        let connection = try connect(server)
        try await Task.sleep(for: .milliseconds(150))
        let stalled = try elapsed { _ = try connection.command("s1", "NOOP") }
        XCTAssertGreaterThanOrEqual(stalled, .milliseconds(150))
    }

    func testAutologoutInEachStateWithBye() async throws {
        let server = try await startServer {
            $0.autologout = try! AutologoutSpec.parse("notauth=150ms,auth=150ms,selected=150ms,idle=150ms,mode=bye")
        }
        let notAuthenticated = try TestIMAPConnection(port: server.port)
        _ = try notAuthenticated.readLine()
        XCTAssertTrue(try notAuthenticated.readLine().hasPrefix("* BYE"))
        XCTAssertTrue(notAuthenticated.waitForClose(timeout: 1))

        let authenticated = try connect(server)
        XCTAssertTrue(try authenticated.readLine().hasPrefix("* BYE"))

        let selected = try connect(server, select: true)
        _ = try selected.command("x", "NOOP")  // activity resets the timer
        XCTAssertTrue(try selected.readLine().hasPrefix("* BYE"))

        let idling = try connect(server, select: true)
        try idling.send("i IDLE\r\n")
        XCTAssertTrue(try idling.readLine().hasPrefix("+"))
        XCTAssertTrue(try idling.readLine().hasPrefix("* BYE"))
    }

    func testAutologoutSilentCloseAndStateSpecificTimers() async throws {
        let server = try await startServer { $0.autologout = try! AutologoutSpec.parse("auth=150ms,mode=close") }
        let connection = try connect(server, select: true)
        // No timer in the selected state: still alive after the auth limit.
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertTagged(try connection.command("a", "UNSELECT"), "a OK")
        XCTAssertTrue(connection.waitForClose(timeout: 2), "closed without BYE")
    }

    func testFaultByeClosesWithBye() async throws {
        let connection = try await greetedConnection(fault: "bye=1")
        try connection.send("a NOOP\r\n")
        XCTAssertTrue(try connection.readLine().hasPrefix("* BYE"))
        XCTAssertTrue(connection.waitForClose(timeout: 1))
    }

    func testFaultDisconnectClosesWithoutAnswer() async throws {
        let connection = try await greetedConnection(fault: "disconnect=1")
        try connection.send("a NOOP\r\n")
        XCTAssertTrue(connection.waitForClose(timeout: 1))
    }

    func testFaultMalformedSendsAnInvalidLine() async throws {
        let connection = try await greetedConnection(fault: "malformed=1")
        let lines = try connection.command("a", "NOOP")
        XCTAssertTrue(lines.first?.hasPrefix("%%") ?? false, "\(lines)")
        XCTAssertTagged(lines, "a OK")
    }

    func testFaultDropNeverAnswers() async throws {
        let connection = try await greetedConnection(fault: "drop=1")
        try connection.send("a NOOP\r\n")
        connection.setTimeout(0.3)
        XCTAssertThrowsError(try connection.readLine())
        XCTAssertFalse(connection.isClosedByServer)
    }

    func testFaultDropAfterLoginDiscardsPipelinedCommands() async throws {
        let connection = try await greetedConnection(fault: "drop-after-login=1")
        try connection.send("a LOGIN user1 pass\r\nb NOOP\r\nc NOOP\r\n")
        XCTAssertTagged(try connection.readUntilTagged("a"), "a OK")
        XCTAssertTagged(try connection.command("d", "NOOP"), "d OK")
    }

    private func greetedConnection(fault: String) async throws -> TestIMAPConnection {
        let server = try await startServer { $0.faults = [try! FaultSpec.parse(fault)] }
        let connection = try TestIMAPConnection(port: server.port)
        XCTAssertTrue(try connection.readLine().hasPrefix("* OK"))
        return connection
    }
}
