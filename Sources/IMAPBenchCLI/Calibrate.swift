import ArgumentParser
import Driver
import Foundation
import Measurement
import ServerTools
import Workload

/// `imapbench calibrate`: how much latency imapbench itself adds, on this machine.
struct Calibrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure imapbench's own latency error against an exactly known server delay.",
        discussion: """
            Runs one session of NOOPs against the embedded server, which holds every reply for \
            exactly --delay (it busy-waits the end of the delay and shares the session's event loop, \
            so neither a late timer nor a thread wake-up adds to it). Whatever the measured times \
            show above the delay is imapbench's own cost: encoding, the loopback round trip, parsing \
            and recording. Run it on the machine that will generate load.

            Exits 2 when --max-error is given and the response-time p50 lies further above the delay.

            Example: imapbench calibrate --delay 5ms --duration 5s --max-error 2%
            """)

    @Option(help: "The server's delay per NOOP. Example: --delay 5ms")
    var delay = "5ms"

    @Option(help: "The measured window, after a 1 s warm-up. Example: --duration 10s")
    var duration = "5s"

    @Option(help: "Fail (exit 2) when the p50 lies more than this above the delay. Example: --max-error 2%")
    var maxError: String?

    func run() async throws {
        let delay = try parse(delay, "--delay")
        let duration = try parse(duration, "--duration")
        guard delay > .zero else { throw ValidationError("--delay: must be more than 0, for example 5ms") }
        guard duration >= .milliseconds(100) else {
            throw ValidationError("--duration: at least 100ms, for example 5s")
        }
        let limit = try maxError.map(Self.parsePercent)
        let result = try await DelayCalibration(delay: delay, duration: duration).run()
        print(Self.lines(result).joined(separator: "\n"))
        if result.errors > 0 || result.response.count == 0 {
            printError(
                "calibration: \(result.errors) commands failed, \(result.response.count) measured; "
                    + "the figures above are not trustworthy")
            throw ExitCode(ExitCodes.failure)
        }
        if let limit, result.p50Error > limit {
            printError(
                String(
                    format: "calibration: p50 is %.2f%% above the delay, more than --max-error %@",
                    result.p50Error * 100, maxError ?? ""))
            throw ExitCode(ExitCodes.thresholdViolated)
        }
    }

    private func parse(_ text: String, _ option: String) throws -> Duration {
        do { return try DurationParser.parse(text) } catch { throw ValidationError("\(option): \(error)") }
    }

    /// `2%` or `0.02`.
    static func parsePercent(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isPercent = trimmed.hasSuffix("%")
        guard let value = Double(isPercent ? String(trimmed.dropLast()) : trimmed), value >= 0 else {
            throw ValidationError("--max-error: expected a percentage such as 2%, got \"\(text)\"")
        }
        return isPercent ? value / 100 : value
    }

    static func lines(_ result: DelayCalibrationResult) -> [String] {
        func row(_ name: String, _ s: LatencyStatistics) -> String {
            name.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(
                    format: "%10llu %9.3f %9.3f %9.3f %9.3f", s.count,
                    Double(s.p50) / 1_000, Double(s.p90) / 1_000, Double(s.p99) / 1_000, Double(s.max) / 1_000)
        }
        return [
            String(
                format: "known delay %.3f ms per NOOP; one session, server on the session's loop",
                result.delayMicros / 1_000),
            "metric         count    p50 ms    p90 ms    p99 ms    max ms",
            row("response", result.response),
            row("service", result.service),
            row("send lag", result.sendLag),
            String(
                format: "response p50 is %.3f ms above the delay (%+.2f%%)",
                (Double(result.response.p50) - result.delayMicros) / 1_000, result.p50Error * 100),
        ]
            + (result.serverLateness.map {
                [
                    String(
                        format: "the server ended its delays %.1f us late (p50), %.1f us at most", $0.p50Micros,
                        $0.maxMicros)
                ]
            } ?? [])
    }
}
