import Measurement
import NIOCore

/// The windows (phases, or the part of one before an interrupt) of a run that one event loop has
/// already handed over, and the samples of commands due in them that ended only later.
///
/// A command counts in the window it was due in, wherever its end falls: a command of the hold
/// answered (or timed out, or given up) during the ramp-down or the drain belongs to the hold's
/// numbers, not to the next phase's, where a stuck command would vanish from the measured window.
/// Until the run ends, nothing is decided for a command in flight, so a command is recorded once:
/// a command merely crossing a window's end is not an error, and one that never gets an answer
/// is recorded `unanswered` when its session gives up on it.
struct ClosedWindows {
    /// Ends of the closed windows, in order; a window starts where the previous one ended.
    private(set) var ends: [NIODeadline] = []
    private var recorders: [LatencyRecorder] = []

    /// The window ending at `end` was handed over; what ends later but was due before `end` (and
    /// after the previous end) is recorded apart, for that window.
    mutating func close(at end: NIODeadline) {
        if let last = ends.last, end <= last { return }
        ends.append(end)
        recorders.append(LatencyRecorder())
    }

    /// Index of the closed window `due` fell in, nil when its window is still open (the common
    /// case, one comparison).
    func window(containing due: NIODeadline) -> Int? {
        guard let last = ends.last, due < last else { return nil }
        return ends.firstIndex { due < $0 }
    }

    /// Where a command due at `due` is recorded: the recorder of its closed window, or `current`.
    func recorder(forDue due: NIODeadline, current: LatencyRecorder) -> LatencyRecorder {
        window(containing: due).map { recorders[$0] } ?? current
    }

    /// The end of the closed window `due` fell in, nil when that window is still open.
    func end(ofWindowContaining due: NIODeadline) -> NIODeadline? {
        window(containing: due).map { ends[$0] }
    }

    /// The late samples of every closed window, in the order the windows closed; starts afresh.
    func takeLateSamples() -> [IntervalData] {
        recorders.map { $0.takeInterval() }
    }
}
