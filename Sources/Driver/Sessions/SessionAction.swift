import IMAPClient
import IMAPProtocol
import Measurement
import NIOCore

/// What `SessionStateMachine` asks its driver (`Session`) to do, in the order emitted.
///
/// The machine decides; the driver only carries out: it owns the connection, the timers and the
/// recorder, and feeds what happens back as events. Nothing here is per-command allocation:
/// actions are handed to a non-escaping sink, never collected in an array.
enum SessionAction {
    /// Open a connection and log in as `credential`; answer with `connected` or `connectFailed`.
    case connect(Credential)
    /// LOGIN or AUTHENTICATE on the open connection; answer with `loginCompleted`.
    case login(Credential)
    /// Send `command`; answer with `commandCompleted(_, ticket)`.
    case send(Command, CommandTicket)
    /// Start an IDLE that ends after `duration` (or on new mail); answer with `commandCompleted`.
    case idle(duration: TimeAmount, endOnNewMail: Bool, CommandTicket)
    /// End the IDLE in progress (DONE) so the session can stop.
    case endIdle
    /// Forget the connection (its close is no longer news), send LOGOUT on it and answer with
    /// `commandCompleted(_, ticket)`; then close it gracefully and, once closed, call `lifeEnded`.
    case logout(CommandTicket)
    /// Close the connection at once; its commands in flight end, then `connectionClosed` follows.
    case closeAbruptly
    /// Close the connection at once and forget it: its close is no longer news (no `connectionClosed`).
    case discardConnection
    /// Call `wakeFired` at `deadline` (closed model: the next command is due then).
    case scheduleWake(NIODeadline)
    /// Call `reconnectFired` after `delay` (the backoff after a failed connect or a lost connection).
    case scheduleReconnect(TimeAmount)
    /// Call `pacerFired(intended:)` at `deadline` (open model: the next intended send time).
    case schedulePacer(NIODeadline)
    /// Forget the pending pacer, wake and reconnect timers (the session stops).
    case cancelTimers
    /// One command's sample; `unanswered`: the session gave up on the connection itself, so a
    /// disconnect is the generator's choice, not the server's.
    case record(CommandRecord, CommandTicket, unanswered: Bool)
    /// One connection-setup phase (login, select).
    case recordPhase(SessionPhase, nanos: UInt64, outcome: Outcome)
    /// `count` commands came due but were never sent.
    case recordDropped(count: Int)
    case recordSkipped(operation: String, reason: String)
    /// A setup command left out because the server does not advertise `capability`.
    case noteMissingCapability(String)
    /// The server refused the login; `answer` is its tagged response.
    case noteLoginRefused(user: String, answer: String)
    /// The session counts as connected (ready for commands) / no longer connected.
    case countConnected
    case countDisconnected
    /// Start a checkpoint of this session's user (see `SessionStateMachine+Checkpoint`); answered
    /// with `checkpointQuiesce` when it starts, or `checkpointDeclined` with the reason it did not.
    case requestCheckpoint(sync: Command)
    /// Nothing is in flight any more; answered with `checkpointSync` once every session is quiet.
    case checkpointDrained
    /// The checkpoint's read ended: hand over the mailbox view (`fetched`), or say it failed.
    case reportCheckpoint(fetched: Bool)
    /// This session takes no part in the running checkpoint (it is ending or has no connection).
    case leaveCheckpoint
    /// The session has ended for good; emitted exactly once.
    case stopped
}

/// What a command was sent for, handed back with its completion: the driver keeps nothing per command.
struct CommandTicket {
    enum Role: UInt8 {
        /// ENABLE, ID, SELECT after login (timed from when it was queued).
        case setup
        /// A profile operation.
        case workload
        /// A profile operation that is an IDLE: it holds the whole pipeline while it runs.
        case idle
        /// The LOGOUT that ends a life.
        case logout
        /// A checkpoint's sync or read.
        case checkpoint
    }

    /// The profile's operation name ("fetch_headers", "select", "logout").
    var operation: String
    /// When the command was due: its intended time (open model) or when the session was ready to
    /// send it (closed model); nil for setup and LOGOUT, timed from when the connection queued them.
    var due: NIODeadline?
    /// When the server no longer held the command back: the generator's own send lag counts from here.
    var ownLagFrom: NIODeadline?
    var role: Role
    /// The life (connection) the command was sent on: a completion from an earlier one changes nothing.
    var life: Int
}
