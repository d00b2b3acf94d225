import Foundation

/// Runs `gnuplot` on a kept script. A missing gnuplot is not an error: the data and scripts stay
/// so the user can render them later.
enum GnuplotRunner {
    /// Renders `script` inside `directory`; nil on success, else a sentence saying how to render by hand.
    static func render(script: String, in directory: URL) -> String? {
        guard let gnuplot = executable() else {
            return "gnuplot not found; render the plots later with `cd <run dir> && gnuplot \(script)`"
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

    private static func executable() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/gnuplot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
