import Driver
import Foundation
import IMAPClient
import IMAPProtocol
import NIOCore

/// One timeout-probe session: brings a connection into its state, then stays silent (or sends
/// NOOP every keep-alive interval) and notes when and how the server ends it.
///
/// Connection callbacks run on the connection's event loop; the status the progress line reads
/// is behind a lock because the progress task reads it from elsewhere.
final class TimeoutWatcher: @unchecked Sendable {
    struct Status: Sendable {
        var enteredAt: NIODeadline?
        var finding: TimeoutFinding?
    }

    let state: TimeoutProbeState
    private let configuration: TimeoutProbe.Configuration
    private let credential: Credential
    private let loop: EventLoop
    private let lock = NSLock()
    private var status = Status()
    // Loop-confined:
    private var connection: IMAPConnection?
    private var byeText: String?
    private var byeAt: NIODeadline?
    private var stopReason: String?
    private var stopTask: Scheduled<Void>?
    private var keepAliveTask: RepeatedTask?

    init(state: TimeoutProbeState, configuration: TimeoutProbe.Configuration, credential: Credential, loop: EventLoop) {
        self.state = state
        self.configuration = configuration
        self.credential = credential
        self.loop = loop
    }

    var snapshot: Status { lock.withLock { status } }

    /// The run's connection settings, with the client's own IDLE limit pushed past the wait so
    /// that only the server ends an IDLE.
    private var connectionConfiguration: ConnectionConfiguration {
        var connection = configuration.connection
        let beyondWait = timeAmount(seconds: configuration.maxWaitSeconds + 120)
        if connection.timeouts.idle < beyondWait { connection.timeouts.idle = beyondWait }
        return connection
    }

    /// Runs the session to its end and returns how it ended.
    func run() async -> TimeoutFinding {
        let started = NIODeadline.now()
        let connection: IMAPConnection
        switch await SessionOpening.connect(connectionConfiguration, on: loop) {
        case .success(let opened): connection = opened
        case .failure(let failure):
            return conclude(
                TimeoutFinding(
                    state: state, outcome: .error, elapsedSeconds: seconds(from: started, to: .now()),
                    detail: failure.text))
        }
        if let failure = await enterState(connection) {
            connection.closeAbruptly()
            return conclude(TimeoutFinding(state: state, outcome: .error, elapsedSeconds: 0, detail: failure))
        }
        let finding =
            (try? await watch(connection).get())
            ?? TimeoutFinding(state: state, outcome: .error, elapsedSeconds: 0, detail: "the event loop shut down")
        return conclude(finding)
    }

    /// Stops waiting at `deadline` (earlier than --max-wait), reporting the session alive with `reason`.
    func stopWaiting(at deadline: NIODeadline, reason: String) {
        loop.execute {
            guard let connection = self.connection else { return }
            self.stopTask?.cancel()
            self.stopTask = self.loop.scheduleTask(deadline: deadline) { self.stopAlive(connection, reason: reason) }
        }
    }

    // MARK: Entering the state

    /// Logs in and selects as the state needs (`SessionOpening`); returns a failure text or nil.
    private func enterState(_ connection: IMAPConnection) async -> String? {
        guard state != .notAuthenticated else { return nil }
        if let failure = await SessionOpening.logIn(connection, as: credential, method: configuration.loginMethod) {
            return failure.text
        }
        guard state != .authenticated else { return nil }
        return await SessionOpening.select(connection, mailbox: configuration.mailbox)?.text
    }

    // MARK: Watching

    private func watch(_ connection: IMAPConnection) -> EventLoopFuture<TimeoutFinding> {
        loop.flatSubmit {
            self.connection = connection
            let entered = NIODeadline.now()
            self.lock.withLock { self.status.enteredAt = entered }
            connection.onUntagged = { untagged in
                if case .condition(let condition) = untagged, condition.status == .bye, self.byeAt == nil {
                    self.byeAt = .now()
                    self.byeText = condition.text
                }
            }
            let maxWait = self.configuration.maxWaitSeconds
            self.stopTask = self.loop.scheduleTask(deadline: entered + timeAmount(seconds: maxWait)) {
                self.stopAlive(connection, reason: "alive at --max-wait \(Self.format(maxWait))")
            }
            self.startActivity(connection)
            return connection.closeFuture.map { _ in self.finding(entered: entered) }
                .recover { _ in self.finding(entered: entered) }
        }
    }

    /// IDLE for the whole wait, or NOOP every keep-alive interval, or nothing.
    private func startActivity(_ connection: IMAPConnection) {
        switch state {
        case .idle:
            let hold = timeAmount(seconds: configuration.maxWaitSeconds + 60)
            _ = connection.idle(for: hold, endOnNewMail: false)
        case .keepAlive:
            let interval = timeAmount(seconds: configuration.keepAliveSeconds)
            keepAliveTask = loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
                _ = connection.send(.noop)
            }
        default:
            break
        }
    }

    private func stopAlive(_ connection: IMAPConnection, reason: String) {
        guard stopReason == nil, byeAt == nil else { return }
        stopReason = reason
        keepAliveTask?.cancel()
        connection.closeAbruptly()
    }

    private func finding(entered: NIODeadline) -> TimeoutFinding {
        keepAliveTask?.cancel()
        stopTask?.cancel()
        let now = NIODeadline.now()
        if let reason = stopReason {
            return TimeoutFinding(
                state: state, outcome: .alive, elapsedSeconds: seconds(from: entered, to: now), detail: reason)
        }
        if let byeAt {
            return TimeoutFinding(
                state: state, outcome: .bye, elapsedSeconds: seconds(from: entered, to: byeAt),
                detail: byeText ?? "")
        }
        return TimeoutFinding(
            state: state, outcome: .close, elapsedSeconds: seconds(from: entered, to: now),
            detail: "connection closed without BYE")
    }

    private func conclude(_ finding: TimeoutFinding) -> TimeoutFinding {
        lock.withLock { status.finding = finding }
        return finding
    }

    static func format(_ seconds: Double) -> String {
        seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0
            ? "\(Int(seconds / 60))m" : "\(Int(seconds.rounded()))s"
    }
}
