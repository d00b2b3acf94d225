import ArgumentParser
import Foundation
import Workload

/// `run`'s flags for one shard of a test spread over several machines (or Kubernetes pods).
///
/// The slice comes from `--shard i/N` (alias `--segment`), or, in a Kubernetes Indexed Job, from
/// `JOB_COMPLETION_INDEX` (0-based, set by Kubernetes) plus the shard count the manifest gives
/// (`--shards N` or `IMAPBENCH_SHARDS`), so one pod template serves every pod.
struct ShardOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Run the i-th of N equal slices (users, sessions, rate), e.g. 2/3; --segment is the same option.",
            valueName: "i/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Older name of --shard.", valueName: "i/N"))
    var segment: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Number of shards; the shard is then JOB_COMPLETION_INDEX+1 (Kubernetes Indexed Job). Default IMAPBENCH_SHARDS.",
            valueName: "N"))
    var shards: String?

    @Option(
        help: ArgumentHelp(
            "Start barrier: shard 1 listens on HOST:PORT, the others connect to it; all start together. Default IMAPBENCH_COORDINATOR.",
            valueName: "host:port"))
    var coordinator: String?

    @Option(
        name: .customLong("barrier-timeout"),
        help: ArgumentHelp(
            "How long the shards wait for each other at the start barrier (default 60s).", valueName: "duration"))
    var barrierTimeout: String?

    @Option(
        name: .customLong("results-timeout"),
        help: ArgumentHelp(
            "After its run, how long shard 1 waits for the other shards' results before it merges without them (default 2m).",
            valueName: "duration"))
    var resultsTimeout: String?

    /// The environment variables read, named once for the help text and the errors.
    enum Environment {
        static let completionIndex = "JOB_COMPLETION_INDEX"
        static let shards = "IMAPBENCH_SHARDS"
        static let coordinator = "IMAPBENCH_COORDINATOR"
    }

    /// The flags and environment checked together: which slice, and where the barrier is.
    func resolve(environment: [String: String]) throws -> ShardRequest {
        let segment = try resolveSegment(environment: environment)
        var request = ShardRequest(segment: segment)
        request.segmentSource = segment.map { source(of: $0, environment: environment) }
        if let text = coordinator ?? environment[Environment.coordinator] {
            guard let segment, segment.count > 1 else {
                throw ValidationError("--coordinator needs several shards: give --shard i/N or --shards N with N >= 2")
            }
            request.coordinator = try ConnectionOptions.address(
                text, option: "--coordinator", example: "imapbench-0.imapbench:7000")
        }
        if let text = barrierTimeout { request.barrierTimeout = try Self.timeout(text, option: "--barrier-timeout") }
        if let text = resultsTimeout { request.resultsTimeout = try Self.timeout(text, option: "--results-timeout") }
        return request
    }

    private static func timeout(_ text: String, option: String) throws -> Duration {
        guard let duration = try? DurationParser.parse(text), duration > .zero else {
            throw ValidationError("\(option) must be a duration above zero such as 60s, got '\(text)'")
        }
        return duration
    }

    private func resolveSegment(environment: [String: String]) throws -> Segment? {
        if shard != nil && segment != nil {
            throw ValidationError("--shard and --segment are the same option: give one of them")
        }
        let count = try shardCount(environment: environment)
        if let text = shard ?? segment {
            let option = shard != nil ? "--shard" : "--segment"
            guard let parsed = Segment.parse(text) else {
                throw ValidationError("\(option) must be i/N with 1 <= i <= N (for example 2/3), got '\(text)'")
            }
            if let count, count != parsed.count {
                throw ValidationError(
                    "\(option) \(text) says \(parsed.count) shards but --shards or \(Environment.shards) says \(count)")
            }
            return parsed
        }
        guard let count else { return nil }
        guard let indexText = environment[Environment.completionIndex] else {
            throw ValidationError(
                "\(count) shards but no shard number: give --shard i/N, or run in a Kubernetes Indexed Job (it sets \(Environment.completionIndex))"
            )
        }
        guard let index = Int(indexText.trimmingCharacters(in: .whitespaces)),
            let parsed = Segment(index: index + 1, count: count)
        else {
            throw ValidationError(
                "\(Environment.completionIndex) must be 0 to \(count - 1) for \(count) shards, got '\(indexText)'")
        }
        return parsed
    }

    /// What the user typed to get `segment`, named the way they named it.
    private func source(of segment: Segment, environment: [String: String]) -> String {
        if let shard { return "--shard \(shard)" }
        if let segment = self.segment { return "--segment \(segment)" }
        return "shard \(segment) (\(Environment.completionIndex)=\(environment[Environment.completionIndex] ?? "?"))"
    }

    /// `--shards`, else `IMAPBENCH_SHARDS`, else nil.
    private func shardCount(environment: [String: String]) throws -> Int? {
        let (text, source) = shards.map { ($0, "--shards") } ?? (environment[Environment.shards], Environment.shards)
        guard let text else { return nil }
        guard let count = Int(text.trimmingCharacters(in: .whitespaces)), count >= 1 else {
            throw ValidationError("\(source) must be a whole number of shards, at least 1, got '\(text)'")
        }
        return count
    }
}
