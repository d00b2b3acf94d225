import XCTest

@testable import IMAPServer

/// The spec grammars: what they accept, and what they reject with a message for a person.
final class SpecParsingTests: XCTestCase {
    func testDelaySpecs() throws {
        XCTAssertEqual(try DelaySpec.parse("5ms"), DelaySpec(command: nil, distribution: .constant(.milliseconds(5))))
        XCTAssertEqual(
            try DelaySpec.parse("FETCH=uniform:1ms-5ms"),
            DelaySpec(command: "FETCH", distribution: .uniform(min: .milliseconds(1), max: .milliseconds(5))))
        XCTAssertEqual(
            try DelaySpec.parse("all=exp:2ms"),
            DelaySpec(command: nil, distribution: .exponential(mean: .milliseconds(2))))
        XCTAssertEqual(try DelaySpec.parse("store=const:1.5s").distribution, .constant(.milliseconds(1500)))
        XCTAssertThrowsError(try DelaySpec.parse("FETCH=soon"))
        XCTAssertThrowsError(try DelaySpec.parse("uniform:5ms-1ms"))
        let specs = [try DelaySpec.parse("1ms"), try DelaySpec.parse("FETCH=2ms")]
        XCTAssertEqual(specs.spec(for: "FETCH")?.command, "FETCH")
        XCTAssertNil(specs.spec(for: "NOOP")?.command)
    }

    func testDelaySamplesStayWithinTheirDistribution() throws {
        var random = DeterministicRandom(seed: 7)
        let uniform = try DelaySpec.parse("uniform:1ms-5ms")
        let exponential = try DelaySpec.parse("exp:2ms")
        var total: Int64 = 0
        for _ in 0..<2000 {
            XCTAssertTrue((1_000_000...5_000_000).contains(uniform.sampleNanoseconds(&random)))
            total += exponential.sampleNanoseconds(&random)
        }
        XCTAssertEqual(Double(total) / 2000 / 1e6, 2, accuracy: 0.3)
    }

    func testAutologoutSpec() throws {
        let spec = try AutologoutSpec.parse("notauth=5s,auth=10s,selected=10s,idle=20s,mode=bye")
        XCTAssertEqual(spec.notAuthenticated, .seconds(5))
        XCTAssertEqual(spec.idle, .seconds(20))
        XCTAssertEqual(spec.mode, .bye)
        XCTAssertEqual(
            try AutologoutSpec.parse("auth=1m,mode=close"),
            AutologoutSpec(authenticated: .seconds(60), mode: .silentClose))
        XCTAssertThrowsError(try AutologoutSpec.parse("later=5s"))
        XCTAssertThrowsError(try AutologoutSpec.parse("mode=explode"))
    }

    func testFaultAndStallSpecs() throws {
        XCTAssertEqual(try FaultSpec.parse("bye=0.01"), FaultSpec(kind: .bye, probability: 0.01))
        XCTAssertEqual(try FaultSpec.parse("drop-after-login=1").kind, .dropAfterLogin)
        XCTAssertThrowsError(try FaultSpec.parse("bye=2"))
        XCTAssertThrowsError(try FaultSpec.parse("explode=0.1"))
        XCTAssertEqual(
            try FaultSpec.parse("change-uidvalidity=0.5"), FaultSpec(kind: .changeUIDValidity, probability: 0.5))
        XCTAssertEqual(try FaultSpec.parse("recent-twice=1").kind, .recentTwice)
        XCTAssertFalse(try FaultSpec.parse("drop=1").kind.isConsistencyFault)
        XCTAssertEqual(try StallSpec.parse("10s:2s"), StallSpec(at: .seconds(10), duration: .seconds(2)))
        XCTAssertThrowsError(try StallSpec.parse("10s"))
        do {
            _ = try DelaySpec.parse("FETCH=soon")
        } catch {
            XCTAssertEqual(
                "\(error)",
                "cannot read \"FETCH=soon\": expected a delay such as 5ms, const:5ms, uniform:1ms-5ms or exp:2ms")
        }
    }
}
