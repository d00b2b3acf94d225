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

    /// `put` for a command that goes out alone (an IDLE: nothing else is in flight), giving up the
    /// slots the session grew to before: one parked in IDLE for minutes, thousands side by side,
    /// holds one slot instead of its busiest moment's.
    mutating func putAlone(_ ticket: CommandTicket) -> Int {
        guard count == 0 else { return put(ticket) }
        slots = [.used(ticket)]
        firstFree = -1
        count = 1
        return 0
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
