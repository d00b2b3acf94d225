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
    /// cost three arrays each, which adds up with tens of thousands of sessions).
    let chooser: WeightedChoice<ProfileOperation>?
    /// The operations the chooser's indices point into.
    let operations: [ProfileOperation]

    init(plan: RunPlan, behaviour: SessionBehaviour, start: NIODeadline) {
        self.plan = plan
        self.behaviour = behaviour
        self.start = start
        self.chooser = WeightedChoice(operations: behaviour.operations)
        self.operations = chooser?.elements ?? []
    }

    /// Sessions take users in turn; each new life (reconnect) moves on by the session count,
    /// so a login storm spreads over the whole user range.
    func credential(forSession index: Int, life: Int) -> Credential {
        let users = plan.users
        guard !users.isEmpty else { return Credential(user: "user1", password: "pass") }
        return users[(index + life * plan.sessionCount) % users.count]
    }
}
