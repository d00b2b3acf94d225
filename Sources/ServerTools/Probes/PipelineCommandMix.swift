import IMAPProtocol
import Workload

/// One command the pipeline probe may put into a burst, with the name it is reported under.
public struct NamedCommand: Sendable, Hashable {
    public var name: String
    public var command: Command
    public init(name: String, command: Command) {
        self.name = name
        self.command = command
    }
}

/// Which commands the pipeline probe sends: a profile's operation mix (the usual case), or a
/// fixed list taken in turn (tests, and servers where only NOOP is wanted).
public enum PipelineCommandMix: Sendable {
    case commands([NamedCommand])
    /// The profile's operations, by their weights.
    case profile(Profile)
}

/// One session's stream of commands from a mix; it lives on that session's event loop.
struct PipelineCommandSource {
    private let mix: PipelineCommandMix
    private var rng: SeededRandom
    private var planner: OperationPlanner?
    private var chooser: WeightedChoice<ProfileOperation>?
    private var next = 0

    init(mix: PipelineCommandMix, user: String, seed: UInt64, stream: UInt64) {
        self.mix = mix
        self.rng = SeededRandom(seed: seed).derived(stream: stream)
        if case .profile(let profile) = mix {
            planner = OperationPlanner(profile: profile, user: user, session: Int(truncatingIfNeeded: stream))
            chooser = WeightedChoice(operations: profile.operations)
        }
    }

    /// The next command that can be pipelined, or nil when the mix offers none (after a few tries).
    mutating func nextCommand(facts: some MailboxFacts) -> NamedCommand? {
        switch mix {
        case .commands(let commands):
            guard !commands.isEmpty else { return nil }
            defer { next += 1 }
            return commands[next % commands.count]
        case .profile:
            for _ in 0..<16 {
                guard let operation = chooser?.pick(using: &rng), var planner else { return nil }
                let planned = planner.plan(operation, facts: facts, using: &rng)
                self.planner = planner
                if case .send(let command) = planned { return NamedCommand(name: operation.name, command: command) }
            }
            return nil
        }
    }
}
