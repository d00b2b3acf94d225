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
}
