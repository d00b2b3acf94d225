import NIOConcurrencyHelpers
import NIOCore

/// Who has registered at the coordinator, shared by the connections' handlers (which may run
/// on different event loops, hence the lock); decides the start or the refusal exactly once.
final class BarrierRoster: Sendable {
    private struct State {
        var registered: [Int: Channel] = [:]
        var decided = false
    }

    private let configuration: BarrierCoordinator.Configuration
    private let state = NIOLockedValueBox(State())
    private let promise: EventLoopPromise<Double>

    init(configuration: BarrierCoordinator.Configuration, promise: EventLoopPromise<Double>) {
        self.configuration = configuration
        self.promise = promise
    }

    var verdict: EventLoopFuture<Double> { promise.futureResult }

    /// Adds a shard, or returns why it cannot be added (told to that shard alone).
    func register(shard: Int, of count: Int, channel: Channel) -> String? {
        let problem: String? = state.withLockedValue { state in
            if state.decided { return "the barrier is already over" }
            if count != configuration.shards {
                return "shard \(shard) says \(count) shards, the coordinator has \(configuration.shards)"
            }
            guard (2...max(2, configuration.shards)).contains(shard), configuration.shards > 1 else {
                return "shard \(shard) is not one of 2...\(configuration.shards) (shard 1 is the coordinator)"
            }
            if state.registered[shard] != nil { return "shard \(shard) registered twice" }
            state.registered[shard] = channel
            return nil
        }
        if problem == nil { completeIfEveryoneIsHere() }
        return problem
    }

    /// A registered shard that disconnects before the start is no longer here.
    func forget(channel: Channel) {
        state.withLockedValue { state in
            guard !state.decided else { return }
            state.registered = state.registered.filter { $0.value !== channel }
        }
    }

    /// Sends the start to everyone once shards 2...N are all registered.
    func completeIfEveryoneIsHere() {
        let channels: [Channel]? = state.withLockedValue { state in
            guard !state.decided, state.registered.count == configuration.shards - 1 else { return nil }
            state.decided = true
            return Array(state.registered.values)
        }
        guard let channels else { return }
        let start = configuration.clock.now() + configuration.startDelay.nanoseconds / 1e9
        // the connections stay open: each shard sends its result on its own after the run
        Self.send(.start(at: start), to: channels, thenClose: false)
        promise.succeed(start)
    }

    /// The timeout: refuses the run, naming the shards that never came.
    func giveUp() {
        let outcome: ([Channel], [Int])? = state.withLockedValue { state in
            guard !state.decided else { return nil }
            state.decided = true
            let missing = (2...max(2, configuration.shards)).filter { state.registered[$0] == nil }
            return (Array(state.registered.values), missing)
        }
        guard let (channels, missing) = outcome else { return }
        let error = BarrierError.missingShards(missing, of: configuration.shards, after: configuration.timeout)
        Self.send(
            .abort("after \(configuration.timeout) still no shard \(missing.map(String.init).joined(separator: ", "))"),
            to: channels, thenClose: true)
        promise.fail(error)
    }

    /// Writes one line to each, closing after a refusal (nothing more to say then).
    static func send(_ message: BarrierMessage, to channels: [Channel], thenClose: Bool) {
        for channel in channels {
            let buffer = channel.allocator.buffer(string: message.encodedLine())
            channel.writeAndFlush(buffer).whenComplete { _ in if thenClose { channel.close(promise: nil) } }
        }
    }

    /// Every registered shard's connection, closed once the results are in (or given up on).
    func closeAll() {
        let channels = state.withLockedValue { Array($0.registered.values) }
        channels.forEach { $0.close(promise: nil) }
    }
}
