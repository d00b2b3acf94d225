import Foundation
@testable import Measurement

/// A deterministic run: warm-up then hold intervals, two commands, timeouts, phases, hiccups.
enum SyntheticRun {
    static func make(seconds: Int = 6, baseLatencyMicros: UInt64 = 5_000, start: Date = Date(timeIntervalSince1970: 1_700_000_000),
                     thresholds: [String] = [], segment: String? = nil, cpuSecondsPerSecond: Double = 0.1,
                     notes: [String: String] = [:], sessions: Int = 10, targetSessions: Int? = nil,
                     offeredRate: Double = 1000) -> RunResult {
        let collector = RunCollector(configuration: RunConfigurationRecord(
            runID: "test", profileName: "synthetic", loadModel: "open", offeredRate: offeredRate, threads: 2, cores: 2, thresholds: thresholds, segment: segment,
            notes: notes, targetSessions: targetSessions))
        var state: UInt64 = 7
        for second in 0..<seconds {
            let recorder = LatencyRecorder()
            for index in 0..<1000 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let jitter = (state >> 40) % 1000
                let command = index % 3 == 0 ? "UID FETCH" : "NOOP"
                let outcome: Outcome = index % 250 == 0 ? .timeout : .ok
                let micros = baseLatencyMicros + jitter
                recorder.record(CommandSample(command: command, operation: command == "NOOP" ? "noop" : "fetch-headers", outcome: outcome,
                                              responseNanos: micros * 1000, serviceNanos: micros * 500, sendLagNanos: 20_000,
                                              bytesIn: 500, bytesOut: 30, untagged: 1))
            }
            recorder.recordPhase(.login, nanos: 3_000_000, outcome: .ok)
            recorder.recordHiccup(nanos: 100_000)
            recorder.recordDropped(operation: "noop")
            collector.add(interval: recorder.takeInterval(), startWall: start.addingTimeInterval(Double(second)), startOffset: Double(second),
                          length: 1, sessions: sessions, phase: second < 2 ? .warmup : .hold, processCPUSeconds: cpuSecondsPerSecond, openFiles: 20)
        }
        return collector.finish(endWall: start.addingTimeInterval(Double(seconds)), interrupted: false)
    }
}
