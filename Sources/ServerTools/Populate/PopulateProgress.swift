import Foundation

/// A snapshot of population progress for the progress bar.
public struct PopulateProgress: Sendable, Equatable {
    public var users: Int
    public var usersDone: Int
    /// Messages wanted in all (users × mailboxes × target), known before the first connection:
    /// the bar's total never moves.
    public var wanted: Int
    /// Messages known to be in place: those a mailbox already held when opened (up to the
    /// target) plus those appended.
    public var inPlace: Int
    public var appended: Int
    public var bytes: Int
    public var seconds: Double

    public init(users: Int, usersDone: Int, wanted: Int, inPlace: Int, appended: Int, bytes: Int, seconds: Double) {
        self.users = users
        self.usersDone = usersDone
        self.wanted = wanted
        self.inPlace = inPlace
        self.appended = appended
        self.bytes = bytes
        self.seconds = seconds
    }

    /// `[#####.....] 1200/5000 msgs in place  800 appended  23.4 MB  812 msg/s  users 3/20`,
    /// `barWidth` characters of bar.
    public func line(barWidth: Int = 30) -> String {
        let fraction = wanted > 0 ? min(1, Double(inPlace) / Double(wanted)) : (usersDone == users ? 1 : 0)
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let rate = seconds > 0 ? Double(appended) / seconds : 0
        return String(
            format: "[%@] %d/%d msgs in place  %d appended  %.1f MB  %.0f msg/s  users %d/%d", bar, inPlace, wanted,
            appended, Double(bytes) / 1e6, rate, usersDone, users)
    }
}

/// Shared counters of a population, updated from every user's event loop.
final class PopulateTally: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: PopulateProgress
    private let started = Date()
    /// Monotonic time of the last progress, for the stall watchdog.
    private var lastProgress = DispatchTime.now()
    private let sink: @Sendable (PopulateProgress) -> Void

    init(users: Int, wanted: Int, progress sink: @escaping @Sendable (PopulateProgress) -> Void) {
        self.progress = PopulateProgress(
            users: users, usersDone: 0, wanted: wanted, inPlace: 0, appended: 0, bytes: 0,
            seconds: 0)
        self.sink = sink
    }

    /// A mailbox was opened holding `present` of the messages wanted in it.
    func opened(present: Int) { update { $0.inPlace += present } }
    func appended(bytes: Int) {
        update {
            $0.appended += 1; $0.inPlace += 1; $0.bytes += bytes
        }
    }
    func userFinished() { update { $0.usersDone += 1 } }

    /// Seconds since anything was opened, appended or finished.
    var secondsSinceProgress: Double {
        let last = lock.withLock { lastProgress }
        return Double(DispatchTime.now().uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
    }

    private func update(_ change: (inout PopulateProgress) -> Void) {
        let snapshot = lock.withLock { () -> PopulateProgress in
            change(&progress)
            progress.seconds = Date().timeIntervalSince(started)
            lastProgress = .now()
            return progress
        }
        sink(snapshot)
    }
}
