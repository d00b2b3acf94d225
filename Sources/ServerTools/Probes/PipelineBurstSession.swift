import Driver
import IMAPClient
import IMAPProtocol
import NIOCore

/// One probe connection during one depth step: sends bursts of `depth` commands at once, waits
/// for every tag, and notes each command's latency by its position in the burst and the order
/// the completions arrived in. Lives on its event loop; every method runs there.
final class PipelineBurstSession: @unchecked Sendable {
    struct Window {
        var start: NIODeadline
        var measureFrom: NIODeadline
        var stopAt: NIODeadline
        /// After this the connection is closed: whatever is still unanswered counts as lost.
        var hardStop: NIODeadline
    }

    private let connection: IMAPConnection
    private let depth: Int
    private var source: PipelineCommandSource
    private var samples: PipelineSessionSamples
    private var window: Window?
    private var promise: EventLoopPromise<PipelineSessionSamples>?
    private var hardStopTask: Scheduled<Void>?
    private var hardStopped = false
    // The burst in flight:
    private var burst: [NamedCommand] = []
    /// Commands drawn but kept for the next burst by the ordering rules.
    private var deferred: [NamedCommand] = []
    private var burstRecords: [CommandRecord?] = []
    private var completionOrder: [Int] = []
    private var burstStart = NIODeadline.now()

    init(connection: IMAPConnection, depth: Int, source: PipelineCommandSource) {
        self.connection = connection
        self.depth = depth
        self.source = source
        self.samples = PipelineSessionSamples(depth: depth)
    }

    /// Runs bursts from `window.start` to `window.stopAt`, then logs out.
    func run(_ window: Window) -> EventLoopFuture<PipelineSessionSamples> {
        let loop = connection.eventLoop
        return loop.flatSubmit {
            let promise = loop.makePromise(of: PipelineSessionSamples.self)
            self.promise = promise
            self.window = window
            self.hardStopTask = loop.scheduleTask(deadline: window.hardStop) {
                self.hardStopped = true
                self.samples.problems.append(
                    "session still waiting for answers at the step's hard stop; connection closed")
                self.connection.closeAbruptly()
            }
            _ = loop.scheduleTask(deadline: window.start) { self.sendBurst() }
            return promise.futureResult
        }
    }

    private func sendBurst() {
        guard let window, NIODeadline.now() < window.stopAt else { return finish(logout: true) }
        fillBurst()
        guard !burst.isEmpty else {
            samples.problems.append("the command mix offered nothing that can be pipelined")
            return finish(logout: true)
        }
        burstRecords = Array(repeating: nil, count: burst.count)
        completionOrder = []
        burstStart = .now()
        for (position, entry) in burst.enumerated() {
            connection.send(entry.command).whenSuccess { record in self.completed(position, record) }
        }
    }

    /// Fills the burst from the mix. A command the RFC 3501 §5.5 rules keep from joining the
    /// commands already in the burst waits for the next burst (so bursts reach the depth and the
    /// mix keeps its proportions); barrier commands (SELECT, LOGOUT...) are left out of bursts.
    private func fillBurst() {
        let facts = ConnectionMailboxFacts(connection: connection, delimiter: nil)
        var pending = deferred
        deferred = []
        burst = []
        var tries = 0
        while burst.count < depth, tries < depth * 4 {
            tries += 1
            let next: NamedCommand
            if !pending.isEmpty {
                next = pending.removeFirst()
            } else if let drawn = source.nextCommand(facts: facts) {
                next = drawn
            } else {
                break
            }
            if next.command.pipelining.contains(.barrier) {
                samples.skippedBarriers += 1
            } else if burst.isEmpty || PipelinePolicy.canSend(next.command, inFlight: burst.map(\.command)) {
                burst.append(next)
            } else if deferred.count < depth {
                deferred.append(next)
            }
        }
        deferred = pending + deferred
    }

    private func completed(_ position: Int, _ record: CommandRecord) {
        guard position < burstRecords.count, burstRecords[position] == nil else { return }
        burstRecords[position] = record
        completionOrder.append(position)
        guard completionOrder.count == burst.count else { return }
        let records = burstRecords.compactMap { $0 }
        if let window, burstStart >= window.measureFrom, burstStart < window.stopAt {
            recordBurst(records, since: window.measureFrom)
        }
        let broken = records.contains { [.timedOut, .bye, .disconnected, .protocolError].contains($0.outcome) }
        if broken {
            noteBrokenBurst(records)
            return finish(logout: false)
        }
        sendBurst()
    }

    private func recordBurst(_ records: [CommandRecord], since measureFrom: NIODeadline) {
        samples.bursts += 1
        if completionOrder != completionOrder.sorted() { samples.outOfOrderBursts += 1 }
        for (position, record) in records.enumerated() {
            let name = burst[position].name
            let latency = record.completed > burstStart ? UInt64((record.completed - burstStart).nanoseconds) : 0
            samples.commands += 1
            switch record.outcome {
            case .ok:
                samples.byPosition[position].append(latency)
                samples.byCommand[name, default: []].append(latency)
            case .timedOut:
                samples.lostByCommand[name, default: 0] += 1
            case .disconnected where hardStopped:
                samples.lostByCommand[name, default: 0] += 1
            default:
                samples.errorsByCommand[name, default: 0] += 1
            }
            if record.completed > measureFrom {
                samples.lastCompletionNanos = max(
                    samples.lastCompletionNanos, UInt64((record.completed - measureFrom).nanoseconds))
            }
        }
    }

    private func noteBrokenBurst(_ records: [CommandRecord]) {
        let timedOut = records.filter { $0.outcome == .timedOut }.count
        if timedOut > 0 {
            let tags = records.filter { $0.outcome == .timedOut }.prefix(5).map(\.tag).joined(separator: " ")
            samples.problems.append(
                "\(timedOut) of \(records.count) pipelined tags never answered (\(tags)); server loses commands")
        } else if let ended = records.first(where: { $0.outcome != .ok && $0.outcome != .no && $0.outcome != .bad }) {
            samples.problems.append("connection ended during a burst (\(ended.outcome)): \(ended.text)")
        }
    }

    private func finish(logout: Bool) {
        guard let promise else { return }
        self.promise = nil
        hardStopTask?.cancel()
        let result = samples
        guard logout else {
            connection.closeAbruptly()
            return promise.succeed(result)
        }
        connection.send(.logout).whenComplete { _ in
            self.connection.closeAbruptly()
            promise.succeed(result)
        }
    }
}
