/// The exit code of a finished `run`.
extension ExitCodes {
    /// What a finished run ended as; the exit code follows from it by precedence.
    struct RunEnding: Equatable {
        /// No command, setup included, ended OK: nothing could run.
        var nothingSucceeded = false
        var interrupted = false
        var thresholdViolated = false
        /// Limited by the generator, or target sessions or rate not reached.
        var limited = false
        /// `--allow-limited`: a limited run is still a success for CI.
        var allowLimited = false
        /// A merged result that lacks a shard: 3 whatever `--allow-limited` says, since the
        /// test that was asked for did not happen.
        var incomplete = false
    }

    /// 1 (nothing could run) > 130 (interrupted) > 2 (threshold) > 3 (limited) > 0: the most
    /// fundamental problem wins. A run that could not run at all is an error even when
    /// interrupted; an interrupted run's verdicts judge only part of it; a violated threshold is
    /// what CI keys on, and the summary still says when that run was limited too.
    static func forRun(_ ending: RunEnding) -> Int32 {
        if ending.nothingSucceeded { return failure }
        if ending.interrupted { return interrupted }
        if ending.thresholdViolated { return thresholdViolated }
        if ending.incomplete || (ending.limited && !ending.allowLimited) { return limited }
        return success
    }
}
