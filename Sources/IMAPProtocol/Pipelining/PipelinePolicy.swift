/// Decides whether a command may be written beside the ones already in flight (RFC 3501 §5.5, RFC 9051 §5.5).
///
/// Two rules, both read from `Command.pipelining`:
/// 1. A barrier is sent only into an empty pipeline, and nothing is sent while one is in flight.
/// 2. A command using sequence numbers is not sent while one that may expunge is in flight, since an
///    EXPUNGE arriving first would renumber the messages it names (the RFC's "FETCH + NOOP + STORE").
public enum PipelinePolicy {
    /// Whether `next` may be written while `inFlight` commands are outstanding (depth is the caller's business).
    public static func canSend(_ next: Command, inFlight: some Collection<Command>) -> Bool {
        canSend(next.pipelining, inFlight: inFlight.lazy.map(\.pipelining))
    }

    /// The same rules on requirements already worked out (a connection keeps them with each command in flight).
    public static func canSend(
        _ requirements: PipeliningRequirements, inFlight: some Collection<PipeliningRequirements>
    ) -> Bool {
        if inFlight.isEmpty { return true }
        if requirements.contains(.barrier) { return false }
        for runningRequirements in inFlight {
            if runningRequirements.contains(.barrier) { return false }
            if requirements.contains(.usesSequenceNumbers), runningRequirements.contains(.mayExpunge) { return false }
        }
        return true
    }
}
