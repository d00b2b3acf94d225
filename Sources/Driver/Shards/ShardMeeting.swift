import Foundation
import NIOPosix

/// What the start barrier leaves a shard after the start: the agreement, and the open
/// connection(s) to shard 1 on which the results travel after the run.
public final class ShardMeeting: Sendable {
    enum Role: Sendable {
        /// Shard 1: it collects.
        case coordinator(BarrierCoordinator)
        /// Shards 2...N: each sends.
        case participant(ParticipantConnection)
    }

    public let start: ShardStart
    let role: Role
    private let group: MultiThreadedEventLoopGroup

    init(start: ShardStart, role: Role, group: MultiThreadedEventLoopGroup) {
        self.start = start
        self.role = role
        self.group = group
    }

    /// True on shard 1, which merges everyone's results.
    public var isCoordinator: Bool {
        if case .coordinator = role { return true }
        return false
    }

    /// Shard 1: the other shards' results (or why each is missing), waiting at most `timeout`
    /// for those still running. Shards 2...N have none to collect.
    public func collectResults(timeout: Duration) async -> [Int: ShardDelivery] {
        guard case .coordinator(let coordinator) = role else { return [:] }
        return await coordinator.collectResults(timeout: timeout)
    }

    /// Shards 2...N: hands this shard's files to shard 1 and waits for its acknowledgement.
    public func sendResult(files: [String: Data], timeout: Duration) async throws {
        guard case .participant(let connection) = role else { return }
        try await connection.sendResult(files: files, timeout: timeout)
    }

    /// Closes the connections and stops the barrier's thread.
    public func close() async {
        try? await group.shutdownGracefully()
    }
}
