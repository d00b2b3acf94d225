/// Why the shards could not start together; the text is printed to the person running the test.
public enum BarrierError: Error, Equatable, CustomStringConvertible {
    /// On the coordinator: the barrier timed out with these shards (1-based) never registered.
    case missingShards([Int], of: Int, after: Duration)
    case cannotListen(address: String, reason: String)
    case coordinatorUnreachable(address: String, after: Duration, reason: String)
    /// The coordinator gave up and said why (it names the missing shards).
    case aborted(String)
    case coordinatorClosed
    case noStart(after: Duration)
    /// After the run: the result did not reach the coordinator (or was not acknowledged).
    case resultUndelivered(String)

    public var description: String {
        switch self {
        case .missingShards(let missing, let count, let timeout):
            let names = missing.map(String.init).joined(separator: ", ")
            return "start barrier: after \(timeout) still no shard \(names) of \(count); the run is refused "
                + "(start every shard, or raise --barrier-timeout)"
        case .cannotListen(let address, let reason):
            return "start barrier: shard 1 cannot listen on \(address): \(reason)"
        case .coordinatorUnreachable(let address, let timeout, let reason):
            return "start barrier: could not reach the coordinator \(address) within \(timeout): \(reason)"
        case .aborted(let reason):
            return "start barrier: the coordinator refused the run: \(reason)"
        case .coordinatorClosed:
            return "start barrier: the coordinator closed the connection before the start"
        case .noStart(let timeout):
            return "start barrier: no start time from the coordinator within \(timeout)"
        case .resultUndelivered(let reason):
            return "results: could not hand this shard's result to shard 1: \(reason) "
                + "(shard 1's merged result names this shard as missing; this shard's own result is on its disk)"
        }
    }
}
