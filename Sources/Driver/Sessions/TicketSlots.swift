/// The tickets of a session's commands in flight, each in a numbered slot that is reused.
///
/// The connection hands the slot back with the command's record (`CommandCompletionReceiver`):
/// carrying the ticket in a closure instead cost an allocation per command. A session has at most
/// its pipeline depth in flight (plus a LOGOUT and whatever a closing connection still finishes),
/// so the slots stay few. Free slots are chained through the array itself, so a session parked
/// in IDLE holds one small array and nothing else.
struct TicketSlots {
    private enum Slot {
        case used(CommandTicket)
        /// Free; `next` is the next free slot, or -1.
        case free(next: Int)
    }

    private var slots: [Slot] = []
    private var firstFree = -1
    private(set) var count = 0

    /// Keeps `ticket` until `take`; returns its slot.
    mutating func put(_ ticket: CommandTicket) -> Int {
        count += 1
        guard firstFree >= 0 else {
            slots.append(.used(ticket))
            return slots.count - 1
        }
        let slot = firstFree
        if case .free(let next) = slots[slot] { firstFree = next }
        slots[slot] = .used(ticket)
        return slot
    }

    /// The ticket in `slot`, which becomes free. Precondition: `slot` came from `put` and was not taken yet.
    mutating func take(_ slot: Int) -> CommandTicket {
        guard case .used(let ticket) = slots[slot] else { preconditionFailure("ticket slot \(slot) taken twice") }
        slots[slot] = .free(next: firstFree)
        firstFree = slot
        count -= 1
        return ticket
    }
}
