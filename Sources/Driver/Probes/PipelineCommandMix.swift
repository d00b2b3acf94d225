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
    case profile(Profile, operations: [WeightedOperation])

    /// A mix built from the profile's own operations and weights.
    public static func profile(_ profile: Profile) -> PipelineCommandMix {
        .profile(profile, operations: profile.operations.map {
            WeightedOperation(name: $0.name, weight: $0.weight, operation: $0)
        })
    }
}

/// One session's stream of commands from a mix; it lives on that session's event loop.
struct PipelineCommandSource {
    private let mix: PipelineCommandMix
    private var rng: SeededRandom
    private var planner: OperationPlanner?
    private var chooser: WeightedChoice<Int>?
    private var next = 0

    init(mix: PipelineCommandMix, user: String, seed: UInt64, stream: UInt64) {
        self.mix = mix
        self.rng = SeededRandom(seed: seed).derived(stream: stream)
        if case .profile(let profile, let operations) = mix {
            planner = OperationPlanner(profile: profile, user: user)
            chooser = WeightedChoice(operations.indices.map { ($0, operations[$0].weight) })
        }
    }

    /// The next command that can be pipelined, or nil when the mix offers none (after a few tries).
    mutating func nextCommand(facts: some MailboxFacts) -> NamedCommand? {
        switch mix {
        case .commands(let commands):
            guard !commands.isEmpty else { return nil }
            defer { next += 1 }
            return commands[next % commands.count]
        case .profile(_, let operations):
            for _ in 0..<16 {
                guard let pick = chooser?.pick(using: &rng), var planner else { return nil }
                let planned = planner.plan(operations[pick].operation, facts: facts, using: &rng)
                self.planner = planner
                if case .send(let command) = planned { return NamedCommand(name: operations[pick].name, command: command) }
            }
            return nil
        }
    }
}
