import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// The coordinator's record of shards 2...N after the start: each is running until it sends its
/// result or its connection closes. Shared by the connections' handlers (hence the lock); the
/// collection ends when every shard has an answer, or at the results timeout.
final class ResultInbox: Sendable {
    private struct State {
        var deliveries: [Int: ShardDelivery] = [:]
        var waiter: EventLoopPromise<Void>?
    }

    private let shards: ClosedRange<Int>
    private let state = NIOLockedValueBox(State())

    /// Shards 2...count report here (shard 1, the coordinator, has its own result at hand).
    init(shards count: Int) {
        shards = 2...max(2, count)
    }

    /// The shard's files arrived; a later loss of its connection changes nothing.
    func deliver(shard: Int, files: [String: Data]) {
        record(shard: shard, .files(files))
    }

    /// The shard's connection closed (or it sent nonsense) before its result.
    func lose(shard: Int, reason: String) {
        record(shard: shard, .missing(reason))
    }

    /// Waits until every shard has answered or `timeout` passed, then names the silent ones.
    func collect(timeout: Duration, on loop: EventLoop) async -> [Int: ShardDelivery] {
        let promise = loop.makePromise(of: Void.self)
        let complete = state.withLockedValue { state -> Bool in
            state.waiter = promise
            return state.deliveries.count == shards.count
        }
        if complete { promise.succeed() }
        let timer = loop.scheduleTask(in: .nanoseconds(Int64(timeout.nanoseconds))) { promise.succeed() }
        try? await promise.futureResult.get()
        timer.cancel()
        return state.withLockedValue { state in
            for shard in shards where state.deliveries[shard] == nil {
                state.deliveries[shard] = .missing(
                    "sent no result within \(timeout) of shard 1's end (--results-timeout)")
            }
            return state.deliveries
        }
    }

    /// The first answer of a shard is kept: a result followed by a closed connection is a result.
    private func record(shard: Int, _ delivery: ShardDelivery) {
        let waiter: EventLoopPromise<Void>? = state.withLockedValue { state in
            guard shards.contains(shard), state.deliveries[shard] == nil else { return nil }
            state.deliveries[shard] = delivery
            return state.deliveries.count == shards.count ? state.waiter : nil
        }
        waiter?.succeed()
    }
}
