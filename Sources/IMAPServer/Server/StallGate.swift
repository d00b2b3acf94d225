import IMAPProtocol
import NIOConcurrencyHelpers
import NIOCore

/// The server-wide "stop answering until" instant, shared by every connection.
final class StallGate: Sendable {
    private let resumeAt = NIOLockedValueBox<NIODeadline?>(nil)

    /// Stops answering from now for `duration` (extending a stall already running).
    func stall(for duration: Duration) {
        let end = NIODeadline.now() + .nanoseconds(duration.nanosecondsValue)
        resumeAt.withLockedValue { current in current = max(current ?? end, end) }
    }

    /// The instant to wait for when a stall is running now, else nil.
    func resumeDeadline() -> NIODeadline? {
        resumeAt.withLockedValue { current in
            guard let end = current else { return nil }
            if end <= .now() {
                current = nil
                return nil
            }
            return end
        }
    }
}
