import Foundation
@testable import Measurement

/// A deterministic run: warm-up then hold intervals, two commands, timeouts, phases, hiccups.
enum SyntheticRun {
    /// `drain`: the length of a drain interval after the last second (1000 commands, as a
    /// full second has), labelled `drainLabel` (`ramp_down` in files written before `drain`).
    static func make(
        seconds: Int = 6, baseLatencyMicros: UInt64 = 5_000, start: Date = Date(timeIntervalSince1970: 1_700_000_000),
        thresholds: [String] = [], segment: String? = nil, cpuSecondsPerSecond: Double = 0.1,
        notes: [String: String] = [:], sessions: Int = 10, targetSessions: Int? = nil,
        offeredRate: Double = 1000, drain: Double? = nil, drainLabel: RunPhase = .drain, pipelineDepth: Int? = nil
    ) -> RunResult {
        let collector = RunCollector(
            configuration: RunConfigurationRecord(
                runID: "test", profileName: "synthetic", loadModel: "open", offeredRate: offeredRate, threads: 2,
                cores: 2, thresholds: thresholds, segment: segment,
                notes: notes, targetSessions: targetSessions, pipelineDepth: pipelineDepth))
        var state: UInt64 = 7
        for second in 0..<seconds {
            collector.add(
                interval: interval(&state, baseLatencyMicros), startWall: start.addingTimeInterval(Double(second)),
                startOffset: Double(second),
                length: 1, sessions: sessions, phase: second < 2 ? .warmup : .hold,
                processCPUSeconds: cpuSecondsPerSecond, openFiles: 20)
        }
        var end = Double(seconds)
        if let drain {
            collector.add(
                interval: interval(&state, baseLatencyMicros), startWall: start.addingTimeInterval(end),
                startOffset: end,
                length: drain, sessions: 10, phase: drainLabel, processCPUSeconds: cpuSecondsPerSecond * drain,
                openFiles: 20)
            end += drain
        }
        return collector.finish(endWall: start.addingTimeInterval(end), interrupted: false)
    }

    /// One interval's data: 1000 commands (a third UID FETCH, 4 timeouts), a login, a hiccup, a drop.
    private static func interval(_ state: inout UInt64, _ baseLatencyMicros: UInt64) -> IntervalData {
        let recorder = LatencyRecorder()
        for index in 0..<1000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let jitter = (state >> 40) % 1000
            let command = index % 3 == 0 ? "UID FETCH" : "NOOP"
            let outcome: Outcome = index % 250 == 0 ? .timeout : .ok
            let micros = baseLatencyMicros + jitter
            recorder.record(
                CommandSample(
                    command: command, operation: command == "NOOP" ? "noop" : "fetch-headers", outcome: outcome,
                    responseNanos: micros * 1000, serviceNanos: micros * 500, sendLagNanos: 20_000,
                    bytesIn: 500, bytesOut: 30, untagged: 1))
        }
        recorder.recordPhase(.login, nanos: 3_000_000, outcome: .ok)
        recorder.recordHiccup(nanos: 100_000)
        recorder.recordDropped(operation: "noop")
        return recorder.takeInterval()
    }
}
