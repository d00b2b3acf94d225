import IMAPProtocol
import Measurement

/// One checkpoint of one user: every session of that user goes quiet, then each syncs and reads
/// its whole mailbox, and sessions that have the same mailbox selected must see the same thing.
///
/// Two phases, so that no session reads while another still has a command in flight: first all
/// drain (a session may learn of the round only at its next event, and send a command before
/// that); only when every one is quiet are they told to sync. A session that joins during the
/// round (a reconnect) is made quiet too, and one that leaves (its connection ended) is not
/// waited for. Owned by its loop's `ConsistencyRegistry`, like everything else here.
final class CheckpointRound {
    enum Phase { case draining, syncing }

    let user: String
    let sync: Command
    private(set) var phase = Phase.draining
    private var members: [Int: SessionChecker] = [:]
    /// Connections not yet drained (draining) or not yet reported (syncing).
    private var waiting: Set<Int> = []
    private var snapshots: [CheckpointSnapshot] = []

    init(user: String, sync: Command, members: [SessionChecker]) {
        self.user = user
        self.sync = sync
        for member in members { add(member) }
    }

    /// Every session synced and reported: the views can be compared.
    var isFinished: Bool { phase == .syncing && waiting.isEmpty }

    /// A session of the user that is not in the round yet: it is quiesced (and, while syncing, synced).
    func add(_ member: SessionChecker) {
        guard members[member.connection] == nil else { return }
        members[member.connection] = member
        waiting.insert(member.connection)
        member.participant?.checkpointQuiesce()
    }

    /// `member` has nothing in flight. One that joined after the sync began syncs at once.
    func drained(_ member: SessionChecker) {
        guard members[member.connection] != nil else { return }
        if phase == .syncing {
            member.participant?.checkpointSync(sync)
            return
        }
        waiting.remove(member.connection)
        if waiting.isEmpty { beginSync() }
    }

    func reported(_ snapshot: CheckpointSnapshot?, from member: SessionChecker) {
        guard phase == .syncing, waiting.remove(member.connection) != nil else { return }
        if let snapshot { snapshots.append(snapshot) }
    }

    func left(_ member: SessionChecker) {
        guard members.removeValue(forKey: member.connection) != nil else { return }
        waiting.remove(member.connection)
        snapshots.removeAll { $0.checker === member }
        if phase == .draining, waiting.isEmpty, !members.isEmpty { beginSync() }
    }

    /// Nobody is left to compare.
    var isEmpty: Bool { members.isEmpty }

    private func beginSync() {
        phase = .syncing
        waiting = Set(members.keys)
        for member in members.values { member.participant?.checkpointSync(sync) }
    }

    /// The sessions with the same mailbox, each against the first (one violation per session at most).
    func differences() -> [(snapshot: CheckpointSnapshot, id: CheckID, expected: String, observed: String)] {
        var found: [(CheckpointSnapshot, CheckID, String, String)] = []
        for group in Dictionary(grouping: snapshots, by: \.mailbox).values where group.count > 1 {
            let sorted = group.sorted { $0.checker.connection < $1.checker.connection }
            for other in sorted.dropFirst() {
                if let (id, expected, observed) = sorted[0].difference(from: other) {
                    found.append((other, id, expected, observed))
                }
            }
        }
        return found.map { (snapshot: $0.0, id: $0.1, expected: $0.2, observed: $0.3) }
    }

    /// How many sessions were compared with another.
    var comparedSessions: Int {
        Dictionary(grouping: snapshots, by: \.mailbox).values.filter { $0.count > 1 }.reduce(0) { $0 + $1.count }
    }

    /// Ends the round for everyone still in it.
    func release() {
        let released = members.values
        members = [:]
        waiting = []
        for member in released { member.participant?.checkpointReleased() }
    }
}
