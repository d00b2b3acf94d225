import Foundation

/// The one way imapbench runs `gnuplot` (run plots, compare plots, probe plots).
///
/// A missing gnuplot is not an error: the .dat data and .gp scripts stay beside the images, so a
/// user can install gnuplot and render later. Every caller gets the same sentence saying how.
public enum GnuplotRunner {
    /// Debian's package without X11; the install hint every note gives.
    public static let installHint = "install gnuplot (Debian: apt-get install gnuplot-nox)"

    /// True when a `gnuplot` executable is on PATH.
    public static var isAvailable: Bool { executable() != nil }

    /// Renders `script` inside `directory`; nil on success, else one sentence saying what went
    /// wrong and how to render by hand.
    public static func render(script: String, in directory: URL) -> String? {
        guard let gnuplot = executable() else {
            // `directory` may be a staging directory about to be renamed: name the script, not it
            return "gnuplot not found: \(installHint), then run `gnuplot \(script)` in the result directory"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = [script]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return "gnuplot could not start (\(error.localizedDescription)); render with `gnuplot \(script)`"
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return "gnuplot failed on \(script): \(String(decoding: message, as: UTF8.self).prefix(300))"
        }
        return nil
    }

    /// Renders every script in order; the notes of those that failed (empty: all rendered).
    /// Without gnuplot one note stands for all of them, not one per script.
    public static func render(scripts: [String], in directory: URL) -> [String] {
        guard isAvailable else {
            return scripts.first.map { render(script: $0, in: directory) }.map { [$0].compactMap { $0 } } ?? []
        }
        return scripts.compactMap { render(script: $0, in: directory) }
    }

    static func executable() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/gnuplot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
