@testable import Driver
import Foundation
import IMAPServer
import Measurement
import NIOCore
import Workload
import XCTest

/// `--segment i/N` slices are parts of one test, not N copies of a part: together they are
/// exactly the whole profile, session by session.
final class SegmentTests: XCTestCase {
    private static let yaml = """
        users: {pattern: "user%d", range: 1-40, password: pass}
        connection: {mailbox: INBOX, open: select}
        load: {model: open, sessions: 7, commands_per_second: 70, sessions_per_second: 3, spacing: poisson}
        phases: {duration: 10s}
        operations:
          - type: noop
        """

    private func plan(_ segment: Segment?) throws -> RunPlan {
        var overrides = RunOverrides()
        overrides.seed = 7
        overrides.segment = segment
        let profile = try ProfileLoader.load(yaml: Self.yaml, source: "test.yaml")
        let resolved = try profile.applying(overrides)
        return try RunPlan(profileName: "test", resolved: resolved, overrides: overrides, host: "127.0.0.1", port: 1)
    }

    func testSlicesPartitionSessionsAndAddUpToTheWholeRates() throws {
        let whole = try plan(nil)
        for count in [2, 3, 7] {
            let slices = try (1...count).map { try plan(Segment(index: $0, count: count)!) }
            XCTAssertEqual(slices.flatMap { Array($0.sessionIndices) }, Array(whole.sessionIndices), "\(count) slices")
            XCTAssertEqual(slices.map(\.sessionCount).reduce(0, +), whole.sessionCount)
            guard case .open(_, let wholeRate, let wholeArrivals, _) = whole.load else { return XCTFail("open model") }
            var rate = 0.0
            var arrivals = 0.0
            for slice in slices {
                guard case .open(_, let r, let a, _) = slice.load else { return XCTFail("open model") }
                rate += r
                arrivals += a
                // a session's own rate is the whole run's, whichever slice runs it
                XCTAssertEqual(slice.commandRatePerSession, whole.commandRatePerSession, accuracy: 1e-12)
                XCTAssertEqual(slice.users, whole.users, "every slice knows every user; sessions pick theirs by index")
            }
            XCTAssertEqual(rate, wholeRate, accuracy: 1e-9)
            XCTAssertEqual(arrivals, wholeArrivals, accuracy: 1e-9)
        }
    }

    func testArrivalOrdinalsSplitEveryNth() {
        for count in 1...5 {
            let segments = (1...count).map { Segment(index: $0, count: count)! }
            for ordinal in 0..<50 {
                XCTAssertEqual(
                    segments.filter { $0.owns(ordinal: ordinal) }.count, 1, "arrival \(ordinal) of \(count) slices")
            }
        }
    }

    /// Slice sessions log in as the users they would in the whole run: disjoint across slices
    /// while users outnumber sessions, across reconnects too (a users file was not split at all).
    func testSliceSessionsTakeTheirWholeRunUsers() throws {
        let whole = try plan(nil)
        let wholeContext = RunContext(plan: whole, behaviour: SessionBehaviour(profile: whole.profile), start: .now())
        var seen: [String: Int] = [:]
        for index in 1...3 {
            let slice = try plan(Segment(index: index, count: 3)!)
            let context = RunContext(plan: slice, behaviour: SessionBehaviour(profile: slice.profile), start: .now())
            for session in slice.sessionIndices {
                for life in 0..<3 {
                    let user = context.credential(forSession: session, life: life).user
                    XCTAssertEqual(user, wholeContext.credential(forSession: session, life: life).user)
                    if life == 0 { XCTAssertNil(seen.updateValue(index, forKey: user), "\(user) in two slices") }
                }
            }
        }
        XCTAssertEqual(seen.count, whole.sessionCount)
    }

    /// The defect this replaces: with one seed, `--segment 1/2` and `2/2` sent identical command
    /// streams. Now the slices' connections send exactly what the whole run's sessions send.
    func testSlicesSendTheWholeRunsStreams() async throws {
        let yaml = """
            users: {pattern: "user%d", range: 1-20, password: pass}
            connection: {mailbox: INBOX, open: examine}
            load: {model: closed, sessions: 4, think_time: none, pipeline_depth: 1}
            phases: {duration: 1500ms}
            operations:
              - {type: noop, weight: 1}
              - {type: fetch, items: [flags, uid], messages: {random: 1}, weight: 2}
              - {type: search, criteria: ALL, weight: 1}
              - {type: status, mailbox: INBOX, items: [MESSAGES], weight: 1}
            """
        let whole = try await Self.streams(yaml: yaml, segment: nil)
        let first = try await Self.streams(yaml: yaml, segment: Segment(index: 1, count: 2))
        let second = try await Self.streams(yaml: yaml, segment: Segment(index: 2, count: 2))
        XCTAssertEqual(whole.count, 4, "one connection per session")
        XCTAssertEqual(first.count, 2)
        XCTAssertEqual(second.count, 2)
        XCTAssertNotEqual(first, second, "both slices sent the same streams")
        XCTAssertEqual(
            (first + second).sorted(by: Self.before), whole.sorted(by: Self.before),
            "the slices together send the whole run's sessions' commands")
    }

    private static let compared = 12

    private static func before(_ a: [String], _ b: [String]) -> Bool { a.lexicographicallyPrecedes(b) }

    /// Runs the profile (optionally one slice) against a fresh embedded server and returns each
    /// connection's first client commands after the login, without their tags.
    private static func streams(yaml: String, segment: Segment?) async throws -> [[String]] {
        var configuration = ServerConfiguration()
        configuration.users = 20
        configuration.messagesPerMailbox = 20
        configuration.threads = 1
        let server = try await EmbeddedIMAPServer.start(configuration)
        var overrides = RunOverrides()
        overrides.seed = 42
        overrides.threads = 1
        overrides.segment = segment
        let profile = try ProfileLoader.load(yaml: yaml, source: "test.yaml").applying(overrides)
        var plan = try RunPlan(
            profileName: "test", resolved: profile, overrides: overrides, host: "127.0.0.1", port: server.port)
        let logs = ConnectionLogs()
        plan.protocolLogFactory = { logs.logger() }
        let collector = RunCollector(configuration: RunConfigurationRecord(profileName: "test", threads: 1, cores: 2))
        _ = try await RunController(plan: plan, behaviour: SessionBehaviour(profile: profile), collector: collector) {
            _ in
        }.run()
        try await server.stop()
        let streams = logs.streamsAfterLogin()
        for stream in streams {
            XCTAssertGreaterThanOrEqual(stream.count, compared, "a session sent too little to compare")
        }
        return streams.map { Array($0.prefix(compared)) }
    }
}

/// Collects every connection's protocol log lines (loggers run on event loops, hence the lock).
private final class ConnectionLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [[String]] = []

    func logger() -> @Sendable (String) -> Void {
        let connection = lock.withLock {
            lines.append([]); return lines.count - 1
        }
        return { line in self.lock.withLock { self.lines[connection].append(line) } }
    }

    /// Each connection's client lines after its LOGIN, tags removed.
    func streamsAfterLogin() -> [[String]] {
        lock.withLock {
            lines.compactMap { log in
                let client = log.filter { $0.hasPrefix("C: ") }.map {
                    $0.dropFirst(3).split(separator: " ", maxSplits: 1)
                }
                guard let login = client.firstIndex(where: { $0.count == 2 && $0[1].hasPrefix("LOGIN") }) else {
                    return nil
                }
                return client[(login + 1)...].compactMap { $0.count == 2 ? String($0[1]) : nil }
            }
        }
    }
}
