import Foundation
import NIOCore
import NIOPosix
import XCTest

@testable import Driver

/// The hiccup meter: few wake-ups on an idle loop, and a busy loop's stalls are still seen.
final class HiccupMeterTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!

    override func setUp() { group = MultiThreadedEventLoopGroup(numberOfThreads: 1) }
    override func tearDown() { try? group.syncShutdownGracefully() }

    /// What the README and `HealthLimits` promise: every 5 ms while busy, every 50 ms while idle.
    func testPeriodsAreTheDocumentedOnes() {
        XCTAssertEqual(HiccupMeter.busyPeriod, .milliseconds(5))
        XCTAssertEqual(HiccupMeter.idlePeriod, .milliseconds(50))
    }

    /// The fixed cost of an idle run: over one second a loop whose worker completes no command
    /// wakes for the meter at most 25 times (its former 1 ms timer woke it 1,000 times).
    func testAnIdleWorkerWakesItsLoopAtMost25TimesASecond() async throws {
        let loop = group.next()
        let worker = LoopWorker(eventLoop: loop)
        try await loop.submit { worker.startHiccupMeter() }.get()
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let snapshot = try await loop.submit {
            worker.stopHiccupMeter()
            return worker.takeSnapshot()
        }.get()
        let hiccups = snapshot.interval.histograms.first { $0.key.name == "hiccup" }?.value
        let wakeUps = hiccups?.totalCount ?? 0
        XCTAssertLessThanOrEqual(wakeUps, 25, "wake-ups in 1 s")
        XCTAssertGreaterThanOrEqual(wakeUps, 10, "the meter must keep running")
    }

    /// While commands complete the meter runs every 5 ms: at most 200 wake-ups a second.
    func testABusyLoopIsSampledEveryFiveMilliseconds() async throws {
        let samples = try await measure(for: .seconds(1), busy: true) { _ in }
        XCTAssertLessThanOrEqual(samples.count, 200)
        XCTAssertGreaterThanOrEqual(samples.count, 100)
    }

    /// A 20 ms stall of a busy loop is recorded as at least 20 ms minus one period (15 ms).
    func testAStallOfABusyLoopIsRecorded() async throws {
        let samples = try await measure(for: .milliseconds(200), busy: true) { loop in
            try await Task.sleep(nanoseconds: 50_000_000)
            try await loop.submit { usleep(20_000) }.get()
        }
        let worst = samples.max() ?? 0
        XCTAssertGreaterThanOrEqual(worst, 14_500_000, "worst lateness \(worst) ns")
    }

    /// Runs a meter on the test's loop for `duration` while `body` runs, and returns what it
    /// recorded; `busy`: a command completes before every wake-up.
    private func measure(
        for duration: TimeAmount, busy: Bool, _ body: (EventLoop) async throws -> Void
    ) async throws -> [UInt64] {
        let loop = group.next()
        let running = try await loop.submit {
            let samples = NIOLoopBoundBox([UInt64](), eventLoop: loop)
            let meter = HiccupMeter(eventLoop: loop, activity: { busy ? UInt64(samples.value.count) + 1 : 0 }) {
                samples.value.append($0)
            }
            meter.start()
            return (NIOLoopBound(meter, eventLoop: loop), samples)
        }.get()
        let started = NIODeadline.now()
        try await body(loop)
        let remaining = duration - (NIODeadline.now() - started)
        if remaining > .zero { try await Task.sleep(nanoseconds: UInt64(remaining.nanoseconds)) }
        return try await loop.submit {
            running.0.value.stop()
            return running.1.value
        }.get()
    }
}
