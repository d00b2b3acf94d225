import XCTest
@testable import Driver

final class PacerTests: XCTestCase {
    func testUniformSpacingAtFullLoad() {
        var pacer = Pacer(plan: PhasePlan(hold: 10), rate: 4, spacing: .uniform, offset: 0)
        var times: [Double] = []
        while let t = pacer.next(unitExponential: 1) { times.append(t) }
        XCTAssertEqual(times.count, 40)
        XCTAssertEqual(times[0], 0, accuracy: 1e-9)
        XCTAssertEqual(times[1], 0.25, accuracy: 1e-9)
        XCTAssertEqual(times[39], 9.75, accuracy: 1e-9)
    }

    func testOffsetStaggersSessions() {
        var pacer = Pacer(plan: PhasePlan(hold: 10), rate: 2, spacing: .uniform, offset: 0.5)
        XCTAssertEqual(pacer.next(unitExponential: 1) ?? -1, 0.25, accuracy: 1e-9)
        XCTAssertEqual(pacer.next(unitExponential: 1) ?? -1, 0.75, accuracy: 1e-9)
    }

    /// During a linear ramp from 0 to full rate over 10 s, half as many commands are sent as at
    /// full rate, and they bunch towards the end of the ramp.
    func testRampHalvesTheCountAndFollowsTheRamp() {
        var pacer = Pacer(plan: PhasePlan(rampUp: 10, hold: 0), rate: 10, spacing: .uniform, offset: 0)
        var times: [Double] = []
        while let t = pacer.next(unitExponential: 1), t < 10 { times.append(t) }
        XCTAssertEqual(times.count, 50)
        XCTAssertLessThan(times.filter { $0 < 5 }.count, times.filter { $0 >= 5 }.count)
    }

    /// A rate far below one per session still sums to the target: sessions send rarely.
    func testRateBelowOnePerSession() {
        var pacer = Pacer(plan: PhasePlan(hold: 100), rate: 0.05, spacing: .uniform, offset: 0)
        var count = 0
        while pacer.next(unitExponential: 1) != nil { count += 1 }
        XCTAssertEqual(count, 5)
    }

    func testPoissonUsesTheGivenDraws() {
        var pacer = Pacer(plan: PhasePlan(hold: 10), rate: 1, spacing: .poisson, offset: 0)
        // Poisson starts at 0 (memoryless, no stagger): the first arrival is one draw after the start
        XCTAssertEqual(pacer.next(unitExponential: 2) ?? -1, 2, accuracy: 1e-9)
        XCTAssertEqual(pacer.next(unitExponential: 0.5) ?? -1, 2.5, accuracy: 1e-9)
    }

    func testZeroRateSendsNothing() {
        var pacer = Pacer(plan: PhasePlan(hold: 10), rate: 0, spacing: .uniform, offset: 0)
        XCTAssertNil(pacer.next(unitExponential: 1))
    }
}
