/// The tickets of a session's commands in flight, each in a numbered slot that is reused.
///
/// The connection hands the slot back with the command's record (`CommandCompletionReceiver`):
/// carrying the ticket in a closure instead cost an allocation per command. A session has at most
/// its pipeline depth in flight (plus a LOGOUT and whatever a closing connection still finishes),
/// so the slots stay few.
struct TicketSlots {
    private var slots: [CommandTicket?] = []
    private var free: [Int] = []

    /// Keeps `ticket` until `take`; returns its slot.
    mutating func put(_ ticket: CommandTicket) -> Int {
        if let slot = free.popLast() {
            slots[slot] = ticket
            return slot
        }
        slots.append(ticket)
        return slots.count - 1
    }

    /// The ticket in `slot`, which becomes free. Precondition: `slot` came from `put` and was not taken yet.
    mutating func take(_ slot: Int) -> CommandTicket {
        guard let ticket = slots[slot] else { preconditionFailure("ticket slot \(slot) taken twice") }
        slots[slot] = nil
        free.append(slot)
        return ticket
    }

    /// Tickets not yet taken.
    var count: Int { slots.count - free.count }
}
