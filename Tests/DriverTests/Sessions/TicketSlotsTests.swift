import NIOCore
import XCTest

@testable import Driver

/// Each command's ticket comes back from the slot it was put in, and slots are reused.
final class TicketSlotsTests: XCTestCase {
    private func ticket(_ operation: String) -> CommandTicket {
        CommandTicket(operation: operation, due: nil, ownLagFrom: nil, role: .workload, life: 1)
    }

    func testATicketComesBackFromItsSlotInAnyOrder() {
        var slots = TicketSlots()
        let a = slots.put(ticket("a"))
        let b = slots.put(ticket("b"))
        let c = slots.put(ticket("c"))
        XCTAssertEqual(Set([a, b, c]).count, 3, "tickets in flight have distinct slots")
        XCTAssertEqual(slots.count, 3)
        XCTAssertEqual(slots.take(b).operation, "b")
        XCTAssertEqual(slots.take(a).operation, "a")
        XCTAssertEqual(slots.count, 1)
        XCTAssertEqual(slots.take(c).operation, "c")
        XCTAssertEqual(slots.count, 0)
    }

    func testFreedSlotsAreReusedSoThereAreNeverMoreThanInFlight() {
        var slots = TicketSlots()
        var highest = 0
        for round in 0..<100 {
            let first = slots.put(ticket("x\(round)"))
            let second = slots.put(ticket("y\(round)"))
            highest = max(highest, first, second)
            XCTAssertEqual(slots.take(first).operation, "x\(round)")
            XCTAssertEqual(slots.take(second).operation, "y\(round)")
        }
        XCTAssertEqual(highest, 1, "two in flight at a time use slots 0 and 1 only")
    }

    func testATicketPutAloneStartsOverOnlyWhenNothingIsInFlight() {
        var slots = TicketSlots()
        for name in ["a", "b", "c"] { _ = slots.put(ticket(name)) }
        for slot in 0..<3 { _ = slots.take(slot) }
        let idle = slots.putAlone(ticket("idle"))
        XCTAssertEqual(idle, 0)
        XCTAssertEqual(slots.count, 1)
        XCTAssertEqual(slots.put(ticket("next")), 1, "after starting over, slots are numbered from the IDLE's")
        XCTAssertEqual(slots.take(idle).operation, "idle")
        let busy = slots.putAlone(ticket("not alone"))
        XCTAssertNotEqual(busy, 1, "with a command in flight its slot is kept")
        XCTAssertEqual(slots.take(1).operation, "next")
        XCTAssertEqual(slots.take(busy).operation, "not alone")
        XCTAssertEqual(slots.count, 0)
    }
}
