import XCTest
@testable import Driver

final class ClockSampleTests: XCTestCase {
    /// A shard 5 s behind the coordinator, 10 ms each way, 1 ms of coordinator processing.
    func testOffsetAndRoundTripFollowTheNTPFormulas() {
        let sample = ClockSample(t0: 100.000, t1: 105.010, t2: 105.011, t3: 100.021)
        XCTAssertEqual(sample.offset, 5.0, accuracy: 1e-9)
        XCTAssertEqual(sample.roundTrip, 0.020, accuracy: 1e-9)
    }

    func testTheShortestRoundTripIsKept() {
        let slow = ClockSample(t0: 0, t1: 0.5, t2: 0.5, t3: 0.6)
        let fast = ClockSample(t0: 1, t1: 1.001, t2: 1.001, t3: 1.002)
        XCTAssertEqual(ClockSample.best(of: [slow, fast, slow]), fast)
        XCTAssertNil(ClockSample.best(of: []))
    }

    func testMessagesRoundTripAsOneLineEach() {
        let messages: [BarrierMessage] = [
            .ping(t0: 1.5), .register(shard: 2, of: 3), .start(at: 9.25), .abort("no shard 3"),
        ]
        for message in messages {
            let line = message.encodedLine()
            XCTAssertTrue(line.hasSuffix("\n"))
            XCTAssertEqual(line.filter { $0 == "\n" }.count, 1)
            XCTAssertEqual(BarrierMessage.decode(line: String(line.dropLast())), message)
        }
        XCTAssertNil(BarrierMessage.decode(line: "A1 LOGIN user pass"))
    }
}
