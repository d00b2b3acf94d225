/// Decides whether a command may be written beside the ones already in flight.
public enum PipelinePolicy {
    /// Whether `next` may be written while `inFlight` commands are outstanding (depth is the caller's business).
    public static func canSend(_ next: Command, inFlight: some Collection<Command>) -> Bool {
        inFlight.isEmpty
    }
}
