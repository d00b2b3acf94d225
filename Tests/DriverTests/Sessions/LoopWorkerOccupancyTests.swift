import IMAPClient
import Measurement
import NIOCore
import NIOPosix
import XCTest

@testable import Driver

/// What a loop hands on for the pipeline line: connected sessions integrated over time, and the
/// service time of the commands sent once ready (not the login, setup or LOGOUT).
final class LoopWorkerOccupancyTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!

    override func setUp() { group = MultiThreadedEventLoopGroup(numberOfThreads: 1) }
    override func tearDown() { try? group.syncShutdownGracefully() }

    /// Two sessions for 200 ms, then one for 100 ms: 0.5 session-seconds; the next snapshot
    /// starts again from zero (times made up, so a loaded machine cannot change the figures).
    func testConnectedSessionTimeIsIntegratedBetweenSnapshots() async throws {
        let loop = group.next()
        let worker = LoopWorker(eventLoop: loop)
        let (one, two) = (ObjectIdentifier(Self.self), ObjectIdentifier(NSObject.self))
        let t0 = NIODeadline.now()
        let (first, second) = try await loop.submit {
            _ = worker.takeSnapshot(at: t0)
            worker.sessionConnected(one, at: t0)
            worker.sessionConnected(two, at: t0)
            worker.sessionDisconnected(one, at: t0 + .milliseconds(200))
            let first = worker.takeSnapshot(at: t0 + .milliseconds(300))
            worker.sessionDisconnected(two, at: t0 + .milliseconds(400))
            return (first, worker.takeSnapshot(at: t0 + .milliseconds(500)))
        }.get()
        XCTAssertEqual(first.occupancy.connectedSessionSeconds, 0.5, accuracy: 1e-9)
        XCTAssertEqual(second.occupancy.connectedSessionSeconds, 0.1, accuracy: 1e-9)
    }

    /// A workload command's service time (first byte written to completion) counts; a setup
    /// command's and the LOGOUT's do not, nor a command never written.
    func testOnlyTheMixsServiceTimeCounts() async throws {
        let loop = group.next()
        let worker = LoopWorker(eventLoop: loop)
        let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
        func record(written: Bool) -> CommandRecord {
            CommandRecord(
                tag: "A1", kind: "FETCH", outcome: .ok, enqueued: start,
                firstByteWritten: written ? start + .milliseconds(1) : nil, completed: start + .milliseconds(5))
        }
        func ticket(_ role: CommandTicket.Role) -> CommandTicket {
            CommandTicket(operation: "fetch", due: start, ownLagFrom: nil, role: role, life: 1)
        }
        let occupancy = try await loop.submit {
            _ = worker.takeSnapshot()
            worker.recordCommand(record(written: true), ticket(.workload), unanswered: false)
            worker.recordCommand(record(written: true), ticket(.idle), unanswered: false)
            worker.recordCommand(record(written: true), ticket(.setup), unanswered: false)
            worker.recordCommand(record(written: true), ticket(.logout), unanswered: false)
            worker.recordCommand(record(written: false), ticket(.workload), unanswered: false)
            return worker.takeSnapshot().occupancy
        }.get()
        XCTAssertEqual(occupancy.mixServiceSeconds, 0.008, accuracy: 1e-9)
    }

    /// A session counts as reached in every interval it was logged in at some moment, however
    /// short its lives: three reconnecting sessions, never more than one connected at once, are
    /// three. The next interval starts from the one still connected, and counts those that log
    /// in again; an arrival (no identity) counts only through the most connected at once.
    func testSessionsReachedCountsEverySessionConnectedDuringTheInterval() async throws {
        let loop = group.next()
        let worker = LoopWorker(eventLoop: loop)
        let ids = [ObjectIdentifier(Self.self), ObjectIdentifier(NSObject.self), ObjectIdentifier(NSString.self)]
        let (first, second, third) = try await loop.submit {
            _ = worker.takeSnapshot()
            for id in ids {
                worker.sessionConnected(id)
                worker.sessionDisconnected(id)
                worker.sessionConnected(id)
                if id != ids[2] { worker.sessionDisconnected(id) }
            }
            let first = worker.takeSnapshot()
            worker.sessionConnected(ids[0])
            worker.sessionDisconnected(ids[0])
            let second = worker.takeSnapshot()
            for _ in 0..<3 {
                worker.sessionConnected(nil)
                worker.sessionDisconnected(nil)
            }
            return (first, second, worker.takeSnapshot())
        }.get()
        XCTAssertEqual(first.reached, 3)
        XCTAssertEqual(first.connected, 1)
        XCTAssertEqual(second.reached, 2, "the one still connected and the one that logged in again")
        XCTAssertEqual(third.reached, 2, "the one still connected plus one arrival at a time")
    }
}
