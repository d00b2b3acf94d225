import NIOCore

/// How the caller of a command hears its outcome.
///
/// A promise suits callers that compose futures; a callback suits the load generator, which
/// sends hundreds of thousands of commands a second from the connection's own event loop:
/// a promise, its future and the closure registered on it are three allocations per command.
enum CommandCompletion {
    case promise(EventLoopPromise<CommandRecord>)
    /// Called on the connection's event loop.
    case callback((CommandRecord) -> Void)
    /// Called on the connection's event loop, with the slot the caller gave (no closure per command).
    case receiver(any CommandCompletionReceiver, slot: Int)

    func complete(_ record: CommandRecord) {
        switch self {
        case .promise(let promise): promise.succeed(record)
        case .callback(let callback): callback(record)
        case .receiver(let receiver, let slot): receiver.commandCompleted(record, slot: slot)
        }
    }
}
