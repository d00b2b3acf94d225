import Histogram

/// Records the measurements of one event loop.
///
/// Not thread-safe by design: each event loop owns one recorder, so the per-command path takes
/// no lock. The driver calls `takeInterval()` on the owning loop at every tick and merges the
/// results of all loops with `IntervalData.merge`.
public final class LatencyRecorder {
    private var current = IntervalData()
    /// Slot of the three histograms and the traffic of a (command, operation, outcome). A run has
    /// a handful of slots per interval; comparing a few small strings is cheaper than hashing two.
    private var slots: [SlotKey: Int] = [:]
    private var slotHistograms: [(response: Histogram<UInt64>?, service: Histogram<UInt64>?, sendLag: Histogram<UInt64>?)] = []
    private var slotKeys: [SlotKey] = []
    private var slotTraffic: [TrafficCounters] = []
    /// Up to this many slots are found by scanning `slotKeys`; beyond, through `slots`.
    private static let scannedSlots = 16

    private struct SlotKey: Hashable {
        var command: String
        var operation: String
        var outcome: Outcome
    }

    public init() {}

    /// Records one completed tag: response, service and send-lag times plus traffic.
    public func record(_ sample: CommandSample) {
        let key = SlotKey(command: sample.command, operation: sample.operation, outcome: sample.outcome)
        let slot = slot(for: key)
        if !Self.record(sample.responseNanos, into: &slotHistograms[slot].response) {
            countOutOfRange(key, .response)
        }
        if let service = sample.serviceNanos, !Self.record(service, into: &slotHistograms[slot].service) {
            countOutOfRange(key, .service)
        }
        if let lag = sample.sendLagNanos, !Self.record(lag, into: &slotHistograms[slot].sendLag) {
            countOutOfRange(key, .sendLag)
        }
        if let own = sample.ownSendLagNanos ?? sample.sendLagNanos, !Self.record(own, into: &ownSendLags) {
            current.outOfRange[Self.ownSendLagSeries, default: 0] += 1
        }
        slotTraffic[slot].add(TrafficCounters(
            commands: 1, bytesIn: UInt64(max(0, sample.bytesIn)), bytesOut: UInt64(max(0, sample.bytesOut)),
            untagged: UInt64(max(0, sample.untagged))
        ))
    }

    private func slot(for key: SlotKey) -> Int {
        if slotKeys.count <= Self.scannedSlots {
            if let index = slotKeys.firstIndex(of: key) { return index }
        } else if let existing = slots[key] {
            return existing
        }
        let slot = slotKeys.count
        slotKeys.append(key)
        slots[key] = slot
        slotHistograms.append((nil, nil, nil))
        slotTraffic.append(TrafficCounters())
        return slot
    }

    /// Records the duration of one session phase (connect, TLS handshake, login...).
    public func recordPhase(_ phase: SessionPhase, nanos: UInt64, outcome: Outcome) {
        recordSeries(SeriesKey(group: .phase, name: phase.rawValue, metric: .duration, outcome: outcome), nanos: nanos)
    }

    /// Counts an operation the generator chose not to run, with the reason.
    public func recordSkipped(operation: String, reason: String) {
        current.skipped[SkipKey(operation: operation, reason: reason), default: 0] += 1
    }

    /// Counts a command the open-model generator could not send on schedule.
    public func recordDropped(operation: String) {
        current.dropped[operation, default: 0] += 1
    }

    /// Records how late the hiccup timer (the Driver's `HiccupMeter`: every 5 ms while commands
    /// complete, every 50 ms while none does) woke on this loop: up to 200 times a second on
    /// every loop, so into a histogram of its own rather than through the series dictionary.
    public func recordHiccup(nanos: UInt64) {
        if hiccups == nil { hiccups = HistogramLayout.makeHistogram() }
        if hiccups?.record(HistogramLayout.microseconds(fromNanoseconds: nanos)) != true {
            current.outOfRange[Self.hiccupSeries, default: 0] += 1
        }
    }

    private var hiccups: Histogram<UInt64>?
    public static let hiccupSeries = SeriesKey(group: .generator, name: "hiccup", metric: .hiccup, outcome: .ok)
    /// The generator's own send lag of every command (`CommandSample.ownSendLagNanos`), in one
    /// histogram: the health verdict's send-lag figure.
    private var ownSendLags: Histogram<UInt64>?
    public static let ownSendLagSeries = SeriesKey(group: .generator, name: "send_lag", metric: .sendLag, outcome: .ok)

    /// Hands over this interval's data and starts a new, empty interval.
    public func takeInterval() -> IntervalData {
        for (slot, key) in slotKeys.enumerated() {
            let histograms = slotHistograms[slot]
            let pairs: [(Metric, Histogram<UInt64>?)] = [
                (.response, histograms.response), (.service, histograms.service), (.sendLag, histograms.sendLag),
            ]
            for case let (metric, histogram?) in pairs {
                let series = SeriesKey(
                    group: .command, name: key.command, operation: key.operation, metric: metric, outcome: key.outcome)
                current.histograms[series] = histogram
            }
            current.traffic[TrafficKey(command: key.command, operation: key.operation), default: TrafficCounters()]
                .add(slotTraffic[slot])
        }
        if let hiccups {
            current.histograms[Self.hiccupSeries] = hiccups
            self.hiccups = nil
        }
        if let ownSendLags {
            current.histograms[Self.ownSendLagSeries] = ownSendLags
            self.ownSendLags = nil
        }
        let taken = current
        current = IntervalData()
        slots = [:]
        slotKeys = []
        slotHistograms = []
        slotTraffic = []
        return taken
    }

    private func recordSeries(_ series: SeriesKey, nanos: UInt64) {
        let micros = HistogramLayout.microseconds(fromNanoseconds: nanos)
        if current.histograms[series] == nil {
            current.histograms[series] = HistogramLayout.makeHistogram()
        }
        if current.histograms[series]?.record(micros) != true {
            current.outOfRange[series, default: 0] += 1
        }
    }

    private func countOutOfRange(_ key: SlotKey, _ metric: Metric) {
        let series = SeriesKey(group: .command, name: key.command, operation: key.operation, metric: metric, outcome: key.outcome)
        current.outOfRange[series, default: 0] += 1
    }

    /// Records into a lazily created histogram; false when the value is out of range.
    @inline(__always)
    private static func record(_ nanos: UInt64, into histogram: inout Histogram<UInt64>?) -> Bool {
        if histogram == nil {
            histogram = HistogramLayout.makeHistogram()
        }
        return histogram?.record(HistogramLayout.microseconds(fromNanoseconds: nanos)) ?? false
    }
}
