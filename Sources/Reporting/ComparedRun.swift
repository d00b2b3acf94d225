import Foundation
import Measurement

/// One run of a comparison as the reader needs to know it: what it ran against, how much it
/// measured, and every reason to be careful with its numbers.
///
/// A comparison of a limited run with a healthy one shows a "regression" that is the generator's,
/// and one of two different profiles compares two different loads: both are marked, never hidden.
struct ComparedRun: Equatable {
    var name: String
    var profile: String
    /// The server, with the embedded server's random port left out (every run picks a new one).
    var server: String
    /// Commands completed in the measured window, every outcome.
    var samples: UInt64
    var seconds: Double
    /// Reasons not to take the run's numbers at face value (limited, interrupted, another
    /// profile or load than the baseline); empty for a clean run.
    var warnings: [String]
    /// Differences worth knowing that are the point of most comparisons (another server).
    var notes: [String]

    init(name: String, analysis: RunAnalysis, baseline: RunAnalysis?) {
        let configuration = analysis.result.configuration
        self.name = name
        profile = configuration.profileName
        server = Self.server(configuration)
        samples = analysis.totalCommands
        seconds = analysis.measuredSeconds
        let base = baseline?.result.configuration
        warnings = Self.ownWarnings(analysis) + (base.map { Self.loadDifferences(configuration, from: $0) } ?? [])
        notes = [base.flatMap { Self.serverDifference(configuration, from: $0) }].compactMap { $0 }
    }

    /// Every run of a comparison; the first is the baseline the others are held against.
    static func describe(_ analyses: [RunAnalysis], names: [String]) -> [ComparedRun] {
        zip(names, analyses).enumerated().map { index, pair in
            ComparedRun(name: pair.0, analysis: pair.1, baseline: index == 0 ? nil : analyses[0])
        }
    }

    /// "B: webmail against 127.0.0.1:10143, 11000 commands in 60.0 s" and the notes.
    var facts: String {
        let facts = "\(name): \(profile) against \(server), \(samples) commands in \(String(format: "%.1f", seconds)) s"
        return ([facts] + notes).joined(separator: "; ")
    }

    /// The facts, then every warning marked "!".
    var line: String { ([facts] + warnings.map { "! " + $0 }).joined(separator: "; ") }

    private static func ownWarnings(_ analysis: RunAnalysis) -> [String] {
        var warnings: [String] = []
        let health = GeneratorHealth(analysis)
        if health.isLimitedByGenerator {
            warnings.append("LIMITED BY THE GENERATOR: " + health.breaches.joined(separator: ", "))
        }
        let targets = TargetAttainment(analysis)
        if targets.isShort { warnings.append("TARGET NOT REACHED: " + targets.shortfalls.joined(separator: " and ")) }
        if analysis.result.interrupted { warnings.append("interrupted: it covers the time until the stop") }
        return warnings
    }

    /// What makes a run measure another load than the baseline: another profile, or the same
    /// profile with another model, session count or rate.
    private static func loadDifferences(
        _ run: RunConfigurationRecord, from baseline: RunConfigurationRecord
    ) -> [String] {
        if run.profileName != baseline.profileName {
            return ["profile \(run.profileName), the baseline's is \(baseline.profileName)"]
        }
        if run.loadModel != baseline.loadModel || run.targetSessions != baseline.targetSessions
            || run.offeredRate != baseline.offeredRate
        {
            return ["another load than the baseline (model, sessions or rate)"]
        }
        return []
    }

    private static func serverDifference(
        _ run: RunConfigurationRecord, from baseline: RunConfigurationRecord
    ) -> String? {
        let server = Self.server(run)
        let baselineServer = Self.server(baseline)
        return server == baselineServer ? nil : "another server than the baseline's \(baselineServer)"
    }

    private static func server(_ configuration: RunConfigurationRecord) -> String {
        configuration.target.hasPrefix("embedded") ? "the embedded server" : configuration.target
    }
}
