import Foundation

extension RunPlan {
    /// Commands in flight one event loop is given before the run takes another (see `defaultThreads`).
    public static let commandsInFlightPerThread = 64

    /// The event loops a run uses unless `--threads` says otherwise: one per 64 commands that can
    /// be in flight at once (sessions x pipeline depth), at most one per core.
    ///
    /// Why not always one per core: a light load spread over every core wakes each loop for every
    /// response it gets, and those wake-ups are most of the generator's cost. Measured against
    /// Dovecot with imaptest's mix (10 sessions, depth 1, 2 cores, release build), one loop took
    /// 112 us of CPU per command during the run against 145 us for two, at the same throughput.
    /// 64 in flight keep one loop far from busy; pipeline-max (32 x 16) still gets every core.
    public static func defaultThreads(sessions: Int, pipelineDepth: Int, cores: Int) -> Int {
        let inFlight = max(1, sessions) * max(1, pipelineDepth)
        let wanted = (inFlight + commandsInFlightPerThread - 1) / commandsInFlightPerThread
        return max(1, min(max(1, cores), wanted))
    }
}
