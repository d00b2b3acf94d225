import XCTest
@testable import Driver

final class PhasePlanTests: XCTestCase {
    let plan = PhasePlan(rampUp: 10, warmup: 5, hold: 20, rampDown: 10)

    func testPhasesFollowEachOther() {
        let table: [(Double, PhasePlan.Phase)] = [
            (0, .rampUp), (9.99, .rampUp), (10, .warmup), (14.9, .warmup), (15, .hold), (34.9, .hold),
            (35, .rampDown), (44.9, .rampDown), (45, .done), (100, .done),
        ]
        for (t, phase) in table { XCTAssertEqual(plan.phase(at: t), phase, "t = \(t)") }
        XCTAssertEqual(plan.measuredWindow, 15...35)
        XCTAssertEqual(plan.total, 45)
    }

    func testLoadFractionRampsLinearly() {
        let table: [(Double, Double)] = [(0, 0), (5, 0.5), (10, 1), (20, 1), (40, 0.5), (45, 0), (50, 0)]
        for (t, fraction) in table { XCTAssertEqual(plan.loadFraction(at: t), fraction, accuracy: 1e-9, "t = \(t)") }
    }

    func testCumulativeLoadIsTheIntegralAndInverts() {
        XCTAssertEqual(plan.cumulativeLoad(at: 10), 5, accuracy: 1e-9)
        XCTAssertEqual(plan.cumulativeLoad(at: 35), 30, accuracy: 1e-9)
        XCTAssertEqual(plan.cumulativeLoad(at: 45), 35, accuracy: 1e-9)
        for t in stride(from: 0.0, to: 44.9, by: 0.37) {
            let load = plan.cumulativeLoad(at: t)
            XCTAssertEqual(plan.time(atCumulativeLoad: load) ?? -1, t, accuracy: 1e-6, "t = \(t)")
        }
        XCTAssertNil(plan.time(atCumulativeLoad: 35.5), "no time exists after the run's whole load")
    }

    func testPlanWithoutRamps() {
        let flat = PhasePlan(hold: 10)
        XCTAssertEqual(flat.loadFraction(at: 0), 1)
        XCTAssertEqual(flat.time(atCumulativeLoad: 4), 4)
        XCTAssertNil(flat.time(atCumulativeLoad: 11))
    }

    /// Intervals are cut at every phase boundary and end with the run, so none mixes two phases
    /// and the last one is no longer than the time it collected.
    func testIntervalsEndAtTicksAndPhaseBoundaries() {
        let plan = PhasePlan(rampUp: 0.5, warmup: 1, hold: 2.25, rampDown: 0)
        XCTAssertEqual(plan.intervalEnds(every: 1), [0.5, 1, 1.5, 2, 3, 3.75])
        for (start, end) in zip([0] + plan.intervalEnds(every: 1), plan.intervalEnds(every: 1)) {
            XCTAssertEqual(plan.phase(at: start), plan.phase(at: end - 1e-9), "\(start)..<\(end) spans two phases")
        }
        let tenths = PhasePlan(hold: 0.3).intervalEnds(every: 0.1)
        XCTAssertEqual(tenths.count, 3, "no sliver interval from 0.1 + 0.1 + 0.1: \(tenths)")
        XCTAssertEqual(tenths.last, 0.3)
        XCTAssertEqual(PhasePlan(hold: 0).intervalEnds(every: 1), [])
    }
}

extension PhasePlan {
    /// Every interval end of the run, as `RunController` walks them one by one.
    func intervalEnds(every interval: Double) -> [Double] {
        var ends: [Double] = []
        while let end = intervalEnd(after: ends.last ?? 0, every: interval) { ends.append(end) }
        return ends
    }
}
