import Foundation
import NIOCore
import NIOPosix
import XCTest

@testable import Driver

/// The hiccup meter wakes a loop `1 / period` times a second, not more, and still sees a stall.
final class HiccupMeterTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!

    override func setUp() { group = MultiThreadedEventLoopGroup(numberOfThreads: 1) }
    override func tearDown() { try? group.syncShutdownGracefully() }

    /// What the README and `HealthLimits` promise: a timer every 5 ms.
    func testPeriodIsTheDocumentedFiveMilliseconds() {
        XCTAssertEqual(HiccupMeter.period, .milliseconds(5))
    }

    /// The fixed cost of an idle run: over one second an idle loop's worker records at most 200
    /// hiccup samples, one per wake-up (its former 1 ms timer woke the loop 1,000 times).
    func testAnIdleWorkerWakesItsLoopAtMost200TimesASecond() async throws {
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
        XCTAssertLessThanOrEqual(wakeUps, 200, "wake-ups in 1 s")
        XCTAssertGreaterThanOrEqual(wakeUps, 100, "the meter must keep running")
    }

    /// A 20 ms stall of the loop is recorded as at least 20 ms minus one period (15 ms).
    func testAStallOfTheLoopIsRecorded() async throws {
        let samples = try await measure(for: .milliseconds(200)) { loop in
            try await Task.sleep(nanoseconds: 50_000_000)
            try await loop.submit { usleep(20_000) }.get()
        }
        let worst = samples.max() ?? 0
        let floor = UInt64(20_000_000 - HiccupMeter.period.nanoseconds)
        XCTAssertGreaterThanOrEqual(worst, floor - 500_000, "worst lateness \(worst) ns")
    }

    /// Runs a meter on the test's loop for `duration` while `body` runs, and returns what it recorded.
    private func measure(for duration: TimeAmount, _ body: (EventLoop) async throws -> Void) async throws -> [UInt64] {
        let loop = group.next()
        let running = try await loop.submit {
            let samples = NIOLoopBoundBox([UInt64](), eventLoop: loop)
            let meter = HiccupMeter(eventLoop: loop) { samples.value.append($0) }
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
