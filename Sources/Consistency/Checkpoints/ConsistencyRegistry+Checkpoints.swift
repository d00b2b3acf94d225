import IMAPProtocol
import Measurement

/// Checkpoints (see `CheckpointRound`): at most one per user at a time, over every connection of
/// that user on this loop (the driver places all sessions of a user on one loop).
extension ConsistencyRegistry {
    /// Starts a checkpoint of `checker`'s user; nil when it started, else why it was skipped.
    func requestCheckpoint(by checker: SessionChecker, sync: Command) -> String? {
        let user = checker.user
        if rounds[user] != nil { return "a checkpoint of this user is already running" }
        let members = connections[user].map { Array($0.values) } ?? []
        if members.count < 2 { return "no other session of this user is connected" }
        let round = CheckpointRound(user: user, sync: sync, members: members)
        rounds[user] = round
        schedule?(CheckTally.checkpointTimeout) { [weak self, weak round] in
            guard let self, let round, self.rounds[user] === round else { return }
            self.rounds[user] = nil
            self.tally.checkpointsAbandoned += 1
            round.release()
        }
        return nil
    }

    func register(_ checker: SessionChecker) {
        connections[checker.user, default: [:]][checker.connection] = checker
        rounds[checker.user]?.add(checker)
    }

    func unregister(_ checker: SessionChecker) {
        connections[checker.user]?[checker.connection] = nil
        guard let round = rounds[checker.user] else { return }
        round.left(checker)
        finishIfDone(round)
    }

    func leaveCheckpoint(_ checker: SessionChecker) {
        guard let round = rounds[checker.user] else { return }
        round.left(checker)
        finishIfDone(round)
    }

    func checkpointDrained(_ checker: SessionChecker) {
        guard let round = rounds[checker.user] else { return }
        round.drained(checker)
        finishIfDone(round)
    }

    func checkpointReported(_ snapshot: CheckpointSnapshot?, from checker: SessionChecker) {
        guard let round = rounds[checker.user] else { return }
        round.reported(snapshot, from: checker)
        finishIfDone(round)
    }

    private func finishIfDone(_ round: CheckpointRound) {
        guard rounds[round.user] === round else { return }
        if round.isEmpty {
            // every session left (the run ended, or their connections did): nothing to compare, nothing given up
            rounds[round.user] = nil
            return
        }
        guard round.isFinished else { return }
        rounds[round.user] = nil
        for difference in round.differences() {
            let snapshot = difference.snapshot
            // a mailbox the run renames or deletes, or one with a command that got no answer, is not judged
            guard let model = mailbox(user: round.user, name: snapshot.mailbox), !model.tainted else { continue }
            snapshot.checker.checkpointViolation(
                difference.id, mailbox: snapshot.mailbox, tag: snapshot.tag, expected: difference.expected,
                observed: difference.observed)
        }
        if round.comparedSessions > 1 { tally.checkpoints += 1 }
        round.release()
    }
}
