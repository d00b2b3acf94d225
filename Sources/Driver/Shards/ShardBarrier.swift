import NIOPosix
import Workload

/// Makes N shards of one test start together: shard 1 coordinates, the others join it.
/// Runs after populate and before the first session, on its own one-thread event loop group,
/// which the returned `ShardMeeting` keeps for the results after the run.
public struct ShardBarrier: Sendable {
    public struct Configuration: Sendable {
        /// `--coordinator HOST:PORT`: where shards 2...N connect.
        public var host: String
        public var port: Int
        public var segment: Segment
        public var timeout: Duration
        public var startDelay: Duration = .seconds(2)
        public var clock: WallClock = .system

        public init(host: String, port: Int, segment: Segment, timeout: Duration) {
            self.host = host
            self.port = port
            self.segment = segment
            self.timeout = timeout
        }

        /// What shard 1 binds: the name the others dial may be its own pod or machine name,
        /// which it cannot always bind, so it listens on every interface unless told loopback.
        var listenHost: String {
            host == "localhost" || host.hasPrefix("127.") || host == "::1" ? host : "0.0.0.0"
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Waits for every shard, then until the common start; returns what was agreed, with the
    /// connections kept open for the results.
    public func meet() async throws -> ShardMeeting {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let meeting: ShardMeeting
        do {
            meeting = try await agree(group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        let wait = meeting.start.localStartTime - configuration.clock.now()
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        return meeting
    }

    private func agree(group: MultiThreadedEventLoopGroup) async throws -> ShardMeeting {
        let segment = configuration.segment
        if segment.index == 1 {
            var coordinator = BarrierCoordinator.Configuration(
                host: configuration.listenHost, port: configuration.port,
                shards: segment.count, timeout: configuration.timeout)
            coordinator.startDelay = configuration.startDelay
            coordinator.clock = configuration.clock
            let listening = try await BarrierCoordinator.listen(coordinator, group: group)
            return ShardMeeting(start: try await listening.startTime(), role: .coordinator(listening), group: group)
        }
        var participant = BarrierParticipant.Configuration(
            host: configuration.host, port: configuration.port,
            shard: segment.index, shards: segment.count,
            timeout: configuration.timeout)
        participant.clock = configuration.clock
        let (start, connection) = try await BarrierParticipant.join(participant, group: group)
        return ShardMeeting(start: start, role: .participant(connection), group: group)
    }
}
