import NIOCore
import Workload

/// What every session of a run shares: the plan, the behaviour and the run's start instant.
/// Immutable, so it can be read from every event loop without locks.
final class RunContext: Sendable {
    let plan: RunPlan
    let behaviour: SessionBehaviour
    /// Monotonic instant of t = 0; open-model intended times are offsets from it.
    let start: NIODeadline
    /// The operation mix, built once: every session draws from the same table (one per session
    /// cost three arrays each, which adds up with tens of thousands of sessions). It holds boxed
    /// operations: `ProfileOperation` is a large struct, and drawing one by value per command
    /// copied (and retained) every field.
    let chooser: WeightedChoice<OperationEntry>?
    /// Draws the next operation, reading the table where it lives: a session reading `chooser`
    /// copied the optional table out first, three array retains and releases per command.
    func pickOperation(using rng: inout SeededRandom) -> OperationEntry? {
        chooser?.pick(using: &rng)
    }

    /// Part of the names of mailboxes the run creates (`RunPlan.runTag`).
    var runTag: String { plan.runTag }

    init(plan: RunPlan, behaviour: SessionBehaviour, start: NIODeadline) {
        self.plan = plan
        self.behaviour = behaviour
        self.start = start
        self.chooser = WeightedChoice(behaviour.operations.map { (OperationEntry($0), $0.weight) })
    }

    /// Closed model: when session `index` starts and when it stops issuing, in seconds from
    /// `start` (it starts as the ramp-up reaches its share and stops as the ramp-down falls below
    /// it, or as the hold ends without one); nil in the open model, whose pacer shapes the rate.
    func closedSchedule(forSession index: Int) -> (start: Double, stop: Double)? {
        guard case .closed = plan.load else { return nil }
        // the whole test's ramp: a slice's session starts when it would in the whole run
        let share = Double(index) / Double(max(1, plan.wholeSessionCount))
        let phases = plan.phases
        return (phases.rampUp * share, phases.measuredWindow.upperBound + phases.rampDown * (1 - share))
    }

    /// Sessions take users in turn; each new life (reconnect) moves on by the session count,
    /// so a login storm spreads over the whole user range. Both count in the whole test, so a
    /// `--segment` slice's session logs in as the user it would in a whole run, and slices
    /// use disjoint users while the users outnumber the sessions.
    ///
    /// With consistency checks on, a session keeps its user in every life, and every session of a
    /// user lives on one loop (`worker(forSession:)`), where that user's mailbox model is.
    func credential(forSession index: Int, life: Int) -> Credential {
        let users = plan.users
        guard !users.isEmpty else { return Credential(user: "user1", password: "pass") }
        if plan.checks.enabled { return users[index % users.count] }
        return users[(index + life * max(1, plan.wholeSessionCount)) % users.count]
    }

    /// The loop session `index` lives on: in turn, or with checks on, its user's loop.
    func worker(forSession index: Int, among workers: [LoopWorker]) -> LoopWorker {
        guard plan.checks.enabled else { return workers[index % workers.count] }
        return workers[(index % max(1, plan.users.count)) % workers.count]
    }
}

/// One operation of the mix, shared by reference between the sessions that draw it.
final class OperationEntry: Sendable {
    let operation: ProfileOperation
    var name: String { operation.name }

    init(_ operation: ProfileOperation) {
        self.operation = operation
    }

    /// Plans the next step of this operation. A method of the entry so the operation is lent to
    /// the planner in place: read out by the caller, the struct was copied field by field.
    func plan(
        with planner: inout OperationPlanner, facts: some MailboxFacts, using rng: inout SeededRandom
    ) -> PlannedStep {
        planner.plan(operation, facts: facts, using: &rng)
    }
}
