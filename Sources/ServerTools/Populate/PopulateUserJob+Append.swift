import IMAPClient
import IMAPProtocol
import NIOCore

extension PopulateUserJob {
    struct AppendResult {
        var appended = 0
        var bytes = 0
        var failed = 0
        var problem: String?
        /// The connection ended, or a command timed out and left it in an unknown state.
        var broken = false
    }

    /// Appends `count` messages with up to the pipeline depth in flight; stops at the first
    /// broken connection (BYE, disconnect, timeout) since nothing more can be trusted on it.
    /// Each APPEND ends within the connection's command timeout, so this never waits longer.
    /// `firstPosition` is the mailbox's count before, so a top-up gets messages of its own.
    func append(_ count: Int, to mailbox: String, on session: IMAPConnection, firstPosition: Int) async -> AppendResult
    {
        var result = AppendResult()
        var inFlight: [(future: EventLoopFuture<CommandRecord>, bytes: Int)] = []
        var sent = 0
        while sent < count || !inFlight.isEmpty {
            while sent < count, inFlight.count < configuration.pipelineDepth, result.problem == nil {
                let message: PopulateMessage
                do {
                    message = try source.nextMessage(
                        user: credential.user, mailbox: mailbox, ordinal: firstPosition + sent)
                } catch {
                    result.problem = "no message to append: \(error)"
                    break
                }
                sent += 1
                let command = Command.append(
                    mailbox: mailbox, flags: message.flags, date: message.internalDate, message: message.bytes)
                inFlight.append((session.send(command), message.bytes.count))
            }
            guard !inFlight.isEmpty else { break }
            let (future, bytes) = inFlight.removeFirst()
            guard let record = try? await future.get() else { result.failed += 1; continue }
            switch record.outcome {
            case .ok:
                result.appended += 1
                result.bytes += bytes
                tally.appended(bytes: bytes)
            case .no, .bad:
                result.failed += 1
                if result.problem == nil { result.problem = "APPEND \(record.outcome): \(record.text)" }
                sent = count  // a refused APPEND (quota, size) will be refused again: stop sending
            case .timedOut:
                result.failed += 1
                result.broken = true
                if result.problem == nil {
                    result.problem = "APPEND not answered within the command timeout: \(record.text)"
                }
                sent = count
            default:
                result.failed += 1
                result.broken = true
                if result.problem == nil {
                    result.problem = "APPEND ended the connection (\(record.outcome)): \(record.text)"
                }
                sent = count
            }
        }
        return result
    }
}
