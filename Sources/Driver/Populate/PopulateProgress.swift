import Foundation

/// A snapshot of population progress for the progress bar.
public struct PopulateProgress: Sendable {
    public var users: Int
    public var usersDone: Int
    /// Messages still to append that are known so far (a user's need is known once its mailboxes are opened).
    public var plannedAppends: Int
    public var appended: Int
    public var bytes: Int
    public var seconds: Double

    public init(users: Int, usersDone: Int, plannedAppends: Int, appended: Int, bytes: Int, seconds: Double) {
        self.users = users
        self.usersDone = usersDone
        self.plannedAppends = plannedAppends
        self.appended = appended
        self.bytes = bytes
        self.seconds = seconds
    }

    /// `[#####.....] 1200/5000 msgs  23.4 MB  812 msg/s  users 3/20`, `width` characters of bar.
    public func line(barWidth: Int = 30) -> String {
        let fraction = plannedAppends > 0 ? min(1, Double(appended) / Double(plannedAppends)) : (usersDone == users ? 1 : 0)
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let rate = seconds > 0 ? Double(appended) / seconds : 0
        return String(format: "[%@] %d/%d msgs  %.1f MB  %.0f msg/s  users %d/%d", bar, appended, plannedAppends,
                      Double(bytes) / 1e6, rate, usersDone, users)
    }
}

/// Shared counters of a population, updated from every user's event loop.
final class PopulateTally: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: PopulateProgress
    private let started = Date()
    private let sink: @Sendable (PopulateProgress) -> Void

    init(users: Int, progress sink: @escaping @Sendable (PopulateProgress) -> Void) {
        self.progress = PopulateProgress(users: users, usersDone: 0, plannedAppends: 0, appended: 0, bytes: 0, seconds: 0)
        self.sink = sink
    }

    func planned(_ count: Int) { update { $0.plannedAppends += count } }
    func appended(bytes: Int) { update { $0.appended += 1; $0.bytes += bytes } }
    func userFinished() { update { $0.usersDone += 1 } }

    private func update(_ change: (inout PopulateProgress) -> Void) {
        let snapshot = lock.withLock { () -> PopulateProgress in
            change(&progress)
            progress.seconds = Date().timeIntervalSince(started)
            return progress
        }
        sink(snapshot)
    }
}
