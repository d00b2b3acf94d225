/// One user's mailbox as all of that user's sessions see it, owned by the event loop they share
/// (`ConsistencyRegistry`), so no lock is ever taken.
///
/// It holds only what is true whatever the order in which sessions' responses arrive: the
/// UIDVALIDITY, each message's unchanging facts, which session saw a message \Recent, and
/// counters of the commands that change flags or expunge, by which a session knows whether
/// another one could have raced it.
final class MailboxModel {
    let name: String
    var uidValidity: UInt32?
    var facts: [UInt32: MessageFacts] = [:]
    /// UID -> the connection that was told it is \Recent.
    var recentClaims: [UInt32: Int] = [:]

    /// Bumped when a command that may change flags (STORE, a FETCH that sets \Seen) starts or ends.
    var flagActivity: UInt64 = 0
    var flagChangersInFlight = 0
    /// Bumped when a command that may expunge (EXPUNGE, UID EXPUNGE, MOVE, CLOSE) ends.
    var expungeGeneration: UInt64 = 0
    var expungersInFlight = 0
    /// A command on this mailbox ended without an answer (a timeout, a lost connection): it may
    /// still run on the server, so flag and SEARCH checks stay silent here for the rest of the run.
    var tainted = false

    init(name: String) {
        self.name = name
    }

    /// A new UIDVALIDITY makes every UID-keyed fact meaningless.
    func adopt(uidValidity value: UInt32) {
        uidValidity = value
        facts = [:]
        recentClaims = [:]
    }
}
