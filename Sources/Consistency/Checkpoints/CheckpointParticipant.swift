import IMAPProtocol

/// What a session does for a checkpoint, told by its user's `CheckpointRound`. The driver's
/// session implements it; every call comes on the loop that owns the round, and the session
/// may answer later (from its next event), never from inside the call.
public protocol CheckpointParticipant: AnyObject {
    /// Stop issuing commands; once none is in flight, say so with `SessionChecker.checkpointDrained`.
    func checkpointQuiesce()
    /// Every session of the user is quiet: send `sync`, then `UID FETCH 1:* (FLAGS)`, and hand the
    /// mailbox view to `SessionChecker.checkpointFetched`.
    func checkpointSync(_ sync: Command)
    /// The checkpoint is over (compared, or given up): carry on.
    func checkpointReleased()
}
