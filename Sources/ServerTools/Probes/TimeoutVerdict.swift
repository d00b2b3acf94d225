import Foundation

/// Turns the findings of `probe timeout` into sentences: RFC 3501's 30-minute rule, whether
/// NOOP keeps a session alive, and how often an IDLE must be re-issued on this server.
public enum TimeoutVerdict {
    /// RFC 3501 §5.4: an autologout timer in the authenticated states must be at least 30 minutes.
    public static let rfcMinimumSeconds = 30.0 * 60
    /// RFC 2177: clients re-issue IDLE at least every 29 minutes.
    public static let idleReissueSeconds = 29.0 * 60

    public static func lines(findings: [TimeoutFinding], maxWaitSeconds: Double, keepAliveSeconds: Double) -> [String] {
        var lines = [rfcLine(findings, maxWaitSeconds: maxWaitSeconds)]
        if let line = keepAliveLine(findings, keepAliveSeconds: keepAliveSeconds) { lines.append(line) }
        if let line = idleLine(findings, maxWaitSeconds: maxWaitSeconds) { lines.append(line) }
        return lines
    }

    static func rfcLine(_ findings: [TimeoutFinding], maxWaitSeconds: Double) -> String {
        let authenticated = findings.filter { $0.state.isAuthenticatedState && $0.state != .idle }
        let short = authenticated.filter { $0.serverEnded && $0.elapsedSeconds < rfcMinimumSeconds }
        if !short.isEmpty {
            let list = short.map { "\($0.state.rawValue) after \(format($0.elapsedSeconds))" }.joined(separator: ", ")
            return "RFC 3501 30-minute autologout: VIOLATED (\(list))"
        }
        if authenticated.contains(where: { $0.outcome == .error }) || authenticated.isEmpty {
            return "RFC 3501 30-minute autologout: not determined (an authenticated session could not be set up)"
        }
        if maxWaitSeconds < rfcMinimumSeconds {
            return "RFC 3501 30-minute autologout: not determined (alive at --max-wait \(format(maxWaitSeconds)); "
                + "use --max-wait 31m to check)"
        }
        return "RFC 3501 30-minute autologout: honoured (authenticated sessions lasted at least 30 minutes)"
    }

    static func keepAliveLine(_ findings: [TimeoutFinding], keepAliveSeconds: Double) -> String? {
        guard let keepAlive = findings.first(where: { $0.state == .keepAlive }),
            let silent = findings.first(where: { $0.state == .selected })
        else { return nil }
        let every = "NOOP every \(format(keepAliveSeconds))"
        switch (silent.serverEnded, keepAlive.outcome) {
        case (true, .alive):
            return "keep-alive: \(every) keeps a session alive past the \(format(silent.elapsedSeconds)) timer; "
                + "this server needs activity at least every \(format(silent.elapsedSeconds))"
        case (true, .bye), (true, .close):
            return
                "keep-alive: \(every) does NOT keep a session alive (ended after \(format(keepAlive.elapsedSeconds)))"
        case (false, _):
            return "keep-alive: not determined (the silent selected session outlived the wait)"
        default:
            return "keep-alive: not determined (\(keepAlive.detail))"
        }
    }

    static func idleLine(_ findings: [TimeoutFinding], maxWaitSeconds: Double) -> String? {
        guard let idle = findings.first(where: { $0.state == .idle }), idle.outcome != .error else { return nil }
        let silent = findings.first { $0.state == .selected }
        guard idle.serverEnded else {
            let comparison =
                silent.map {
                    $0.serverEnded ? " (a silent selected session ended after \(format($0.elapsedSeconds)))" : ""
                } ?? ""
            let reissue =
                maxWaitSeconds >= idleReissueSeconds
                ? "re-issuing every 29 minutes is enough"
                : "whether a 29-minute re-issue is enough is not determined (use --max-wait 31m)"
            return "IDLE: alive for the whole wait (\(format(idle.elapsedSeconds)))\(comparison); \(reissue)"
        }
        var line = "IDLE: ended after \(format(idle.elapsedSeconds)) (\(idle.outcome.rawValue))"
        if let silent, silent.serverEnded {
            let relation =
                idle.elapsedSeconds > silent.elapsedSeconds * 1.05
                ? "longer than" : (idle.elapsedSeconds < silent.elapsedSeconds * 0.95 ? "shorter than" : "the same as")
            line += ", \(relation) a silent selected session (\(format(silent.elapsedSeconds)))"
        }
        let verdict =
            idle.elapsedSeconds >= idleReissueSeconds
            ? "29-minute re-issue is enough" : "29-minute re-issue is NOT enough"
        return line + "; re-issue IDLE at least every \(format(idle.elapsedSeconds)): \(verdict)"
    }

    /// `95s`, `29m 40s`, `2.5s` below ten seconds.
    public static func format(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        return whole % 60 == 0 ? "\(whole / 60)m" : "\(whole / 60)m \(whole % 60)s"
    }
}
