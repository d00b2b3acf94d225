import Foundation
import IMAPClient

/// Why a populate ended before every user was filled.
public enum PopulateStop: Sendable, Codable, Hashable, CustomStringConvertible {
    /// `Populator.stop()`: SIGINT or SIGTERM.
    case interrupted
    /// Nothing was appended and no mailbox was opened for this many seconds: the server stopped answering.
    case stalled(seconds: Double)
    /// A user could not be filled (`stopAtFirstFailure`): the populate before a run would refuse to start the run anyway.
    case userFailed(String)

    public var description: String {
        switch self {
        case .interrupted: return "interrupted by a signal"
        case .stalled(let seconds):
            return String(format: "no progress for %.0f s: the server stopped answering", seconds)
        case .userFailed(let problem): return "stopped at the first user that could not be filled: \(problem)"
        }
    }
}

/// Ends a populate early: refuses new users and closes every open connection, so that the
/// commands each user's job awaits end at once (as disconnected) instead of at their timeout.
final class PopulateAbort: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: PopulateStop?
    private var finished = false
    private var connections: [ObjectIdentifier: IMAPConnection] = [:]

    var stop: PopulateStop? { lock.withLock { reason } }

    /// Keeps `connection` to close on a stop; false, after closing it, when the populate is already stopping.
    func register(_ connection: IMAPConnection) -> Bool {
        let accepted = lock.withLock { () -> Bool in
            guard reason == nil else { return false }
            connections[ObjectIdentifier(connection)] = connection
            return true
        }
        if !accepted { connection.closeAbruptly() }
        return accepted
    }

    func unregister(_ connection: IMAPConnection) {
        lock.withLock { _ = connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    /// Stops the populate for `reason` (the first reason wins); true while the populate had not
    /// finished, so a signal handler knows the signal was the populate's.
    @discardableResult
    func abort(_ reason: PopulateStop) -> Bool {
        let (open, running) = lock.withLock { () -> ([IMAPConnection], Bool) in
            guard !finished else { return ([], false) }
            guard self.reason == nil else { return ([], true) }
            self.reason = reason
            defer { connections.removeAll() }
            return (Array(connections.values), true)
        }
        open.forEach { $0.closeAbruptly() }
        return running
    }

    /// The populate returned: later stops are not its own.
    func finish() {
        lock.withLock { finished = true }
    }
}
