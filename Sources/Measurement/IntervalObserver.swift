/// Sees the run's intervals as the collector stores them: the one hook live metrics need.
///
/// Called on the collector's thread (the run controller's ticker) once per interval, never per
/// recorded value, so an observer may take a lock without touching the measuring path.
public protocol IntervalObserver: AnyObject, Sendable {
    /// `record` was stored; `late` when it holds commands due in an interval stored earlier
    /// (answered late, timed out or never answered), added to that interval (same phase): its
    /// `sessions` and health series then say nothing about now.
    func observe(_ record: IntervalRecord, late: Bool)
}
