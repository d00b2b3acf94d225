import Foundation
import NIOCore

/// A shard's open connection to shard 1 after the start: the result goes back on it.
public struct ParticipantConnection: Sendable {
    let shard: Int
    let channel: Channel

    /// Sends the result files and waits until shard 1 says it has them (at most `timeout`);
    /// throws `BarrierError.resultUndelivered` otherwise. The connection is closed either way.
    public func sendResult(files: [String: Data], timeout: Duration) async throws {
        let loop = channel.eventLoop
        let receipt = loop.makePromise(of: Void.self)
        let line = BarrierMessage.result(shard: shard, files: files).encodedLine()
        let channel = self.channel
        loop.execute {
            guard channel.isActive,
                let handler = try? channel.pipeline.syncOperations.handler(type: ParticipantHandler.self)
            else {
                receipt.fail(BarrierError.resultUndelivered("the connection to the coordinator closed during the run"))
                return
            }
            handler.receipt = receipt
            channel.writeAndFlush(channel.allocator.buffer(string: line), promise: nil)
        }
        let timer = loop.scheduleTask(in: .nanoseconds(Int64(timeout.nanoseconds))) {
            receipt.fail(BarrierError.resultUndelivered("no acknowledgement within \(timeout) (--results-timeout)"))
        }
        defer {
            timer.cancel()
            channel.close(promise: nil)
        }
        try await receipt.futureResult.get()
    }
}
