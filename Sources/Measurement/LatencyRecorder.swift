import Histogram

/// Records the measurements of one event loop.
///
/// Not thread-safe by design: each event loop owns one recorder, so the per-command path takes
/// no lock. The driver calls `takeInterval()` on the owning loop at every tick and merges the
/// results of all loops with `IntervalData.merge`.
public final class LatencyRecorder {
    private var current = IntervalData()
    /// Index in `slotList` of the slot (three histograms and the traffic) of a (command, operation,
    /// outcome), used beyond `scannedSlots`. A run has a handful of slots per interval; comparing a
    /// few small strings is cheaper than hashing two.
    private var slots: [SlotKey: Int] = [:]
    private var slotList: [Slot] = []
    /// The key of each slot in `slotList`, at the same index (the slots do not hold them): the
    /// scan reads this value array, where walking the slot objects retained and released each.
    private var slotKeys: [SlotKey] = []
    /// Up to this many slots are found by scanning `slotList`; beyond, through `slots`.
    private static let scannedSlots = 16

    private struct SlotKey: Hashable {
        var command: String
        var operation: String
        var outcome: Outcome
    }

    /// One (command, operation, outcome)'s histograms and traffic. A class, so that recording
    /// mutates each histogram where it lives: held in an array of tuples, every record copied
    /// a histogram out and back (a retain, a release and a uniqueness check per command).
    ///
    /// The histograms are not optionals either: checking an optional for nil through `inout`
    /// copied the histogram each time. They start as copies of one empty histogram (sharing its
    /// buffer until their first record); `has…` says which were recorded into at all.
    private final class Slot {
        var response = HistogramLayout.makeHistogram()
        var service = HistogramLayout.makeHistogram()
        var sendLag = HistogramLayout.makeHistogram()
        var hasService = false
        var hasSendLag = false
        var traffic = TrafficCounters()
    }

    public init() {}

    /// Records one completed tag: response, service and send-lag times plus traffic.
    public func record(_ sample: CommandSample) {
        let index = slotIndex(command: sample.command, operation: sample.operation, outcome: sample.outcome)
        let slot = slotList[index]
        if !slot.response.record(HistogramLayout.microseconds(fromNanoseconds: sample.responseNanos)) {
            countOutOfRange(slotKeys[index], .response)
        }
        if let service = sample.serviceNanos {
            slot.hasService = true
            if !slot.service.record(HistogramLayout.microseconds(fromNanoseconds: service)) {
                countOutOfRange(slotKeys[index], .service)
            }
        }
        if let lag = sample.sendLagNanos {
            slot.hasSendLag = true
            if !slot.sendLag.record(HistogramLayout.microseconds(fromNanoseconds: lag)) {
                countOutOfRange(slotKeys[index], .sendLag)
            }
        }
        if let own = sample.ownSendLagNanos ?? sample.sendLagNanos {
            hasOwnSendLags = true
            if !ownSendLags.record(HistogramLayout.microseconds(fromNanoseconds: own)) {
                current.outOfRange[Self.ownSendLagSeries, default: 0] += 1
            }
        }
        slot.traffic.add(
            TrafficCounters(
                commands: 1, bytesIn: UInt64(max(0, sample.bytesIn)), bytesOut: UInt64(max(0, sample.bytesOut)),
                untagged: UInt64(max(0, sample.untagged))
            ))
    }

    private func slotIndex(command: String, operation: String, outcome: Outcome) -> Int {
        if slotKeys.count <= Self.scannedSlots {
            for index in slotKeys.indices
            where slotKeys[index].outcome == outcome && slotKeys[index].command == command
                && slotKeys[index].operation == operation
            {
                return index
            }
        } else if let existing = slots[SlotKey(command: command, operation: operation, outcome: outcome)] {
            return existing
        }
        let key = SlotKey(command: command, operation: operation, outcome: outcome)
        slotList.append(Slot())
        slotKeys.append(key)
        slots[key] = slotList.count - 1
        return slotList.count - 1
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
    private var ownSendLags = HistogramLayout.makeHistogram()
    private var hasOwnSendLags = false
    public static let ownSendLagSeries = SeriesKey(group: .generator, name: "send_lag", metric: .sendLag, outcome: .ok)

    /// Hands over this interval's data and starts a new, empty interval.
    public func takeInterval() -> IntervalData {
        for (slot, key) in zip(slotList, slotKeys) {
            let pairs: [(Metric, Histogram<UInt64>?)] = [
                (.response, slot.response), (.service, slot.hasService ? slot.service : nil),
                (.sendLag, slot.hasSendLag ? slot.sendLag : nil),
            ]
            for case (let metric, let histogram?) in pairs {
                let series = SeriesKey(
                    group: .command, name: key.command, operation: key.operation, metric: metric, outcome: key.outcome)
                current.histograms[series] = histogram
            }
            current.traffic[TrafficKey(command: key.command, operation: key.operation), default: TrafficCounters()]
                .add(slot.traffic)
        }
        if let hiccups {
            current.histograms[Self.hiccupSeries] = hiccups
            self.hiccups = nil
        }
        if hasOwnSendLags {
            current.histograms[Self.ownSendLagSeries] = ownSendLags
            ownSendLags = HistogramLayout.makeHistogram()
            hasOwnSendLags = false
        }
        let taken = current
        current = IntervalData()
        slots = [:]
        slotList = []
        slotKeys = []
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
        let series = SeriesKey(
            group: .command, name: key.command, operation: key.operation, metric: metric, outcome: key.outcome)
        current.outOfRange[series, default: 0] += 1
    }
}
