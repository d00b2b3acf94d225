/// Hears the completion of each command it sent with a slot number of its own choosing.
///
/// The load generator sends hundreds of thousands of commands a second, each with what it was
/// sent for (its operation, due time, life). A closure carrying that is an allocation per command;
/// a receiver keeps it in a slot it reuses and gets the slot back with the record.
public protocol CommandCompletionReceiver: AnyObject {
    /// Called on the connection's event loop, exactly once per command, whatever the outcome.
    func commandCompleted(_ record: CommandRecord, slot: Int)
}
