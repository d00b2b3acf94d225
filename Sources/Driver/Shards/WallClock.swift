import Foundation

/// The wall clock the barrier reads, in seconds since 1970; a test gives a shard a skewed one
/// to check that the measured offset finds the skew.
public struct WallClock: Sendable {
    public var now: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Double) {
        self.now = now
    }

    public static let system = WallClock { Date().timeIntervalSince1970 }

    /// This clock shifted by `seconds` (a machine whose clock is ahead when positive).
    public func skewed(by seconds: Double) -> WallClock {
        let base = now
        return WallClock { base() + seconds }
    }
}
