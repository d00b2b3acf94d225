import Foundation

/// Writes a progress line to stderr: redrawn in place on a terminal; otherwise a plain line at
/// most every `plainInterval` seconds (or when something concluded), so CI logs stay readable.
final class ProbeProgressPrinter: @unchecked Sendable {
    let isTerminal = isatty(2) == 1
    private let plainInterval: TimeInterval
    private let lock = NSLock()
    private var lastPlain = Date.distantPast
    private var lastLine = ""
    private var lastMilestone = 0

    init(plainInterval: TimeInterval = 10) {
        self.plainInterval = plainInterval
    }

    /// `milestone` counts what has concluded so far; a plain line is written whenever it changes.
    func show(_ line: String, milestone: Int = 0) {
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            return
        }
        let due = lock.withLock { () -> Bool in
            let force = milestone != lastMilestone
            guard force || Date().timeIntervalSince(lastPlain) >= plainInterval, line != lastLine else { return false }
            lastPlain = Date()
            lastMilestone = milestone
            lastLine = line
            return true
        }
        if due { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
