import Foundation
import ArgumentParser

/// Where and how to connect, shared by `run` and the probes. Every flag overrides the profile.
struct ConnectionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "IMAP server as HOST:PORT; without it the embedded server is started in-process.",
            valueName: "host:port"))
    var server: String?

    @Option(
        help: ArgumentHelp(
            "TLS mode: none, starttls or implicit (default: the profile's for run, none for the probes).",
            valueName: "mode"))
    var tls: String?

    @Flag(help: "Do not verify the server's certificate (self-signed test servers).")
    var insecure = false

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp(
            "PEM file of a CA to trust (e.g. a test server's self-signed certificate).", valueName: "file"))
    var caFile: String?

    @Option(
        help: ArgumentHelp(
            "User name pattern, %d is replaced by the user number, e.g. 'user%d@example'.", valueName: "pattern"))
    var users: String?

    @Option(
        name: .customLong("user-range"),
        help: ArgumentHelp("User numbers for the pattern, e.g. 1-200.", valueName: "a-b"))
    var userRange: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp("File whose first line is the password (or IMAPBENCH_PASSWORD).", valueName: "file"))
    var passwordFile: String?

    /// Checks --ca-file and --password-file before anything connects or starts.
    func checkFiles() throws {
        if let caFile { try InputFileCheck.certificate(caFile, named: "--ca-file") }
        if let passwordFile { try InputFileCheck.readable(passwordFile, named: "--password-file") }
    }

    /// `host` and `port` of `--server`, or nil for the embedded server.
    func serverAddress() throws -> (host: String, port: Int)? {
        guard let server else { return nil }
        return try Self.address(server, option: "--server", example: "127.0.0.1:10143")
    }

    /// `HOST:PORT` (or `[v6]:PORT`) of an option's value, with an error naming the option.
    static func address(_ text: String, option: String, example: String) throws -> (host: String, port: Int) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(after: close)...].drop(while: { $0 == ":" })
        } else if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        } else {
            // a port is required: 143 or 993 would be a guess that depends on --tls
            throw ValidationError("\(option) must be HOST:PORT (for example \(example)), got '\(text)' without a port")
        }
        guard let port = Int(portPart), (1...65535).contains(port), !hostPart.isEmpty else {
            throw ValidationError("\(option) must be HOST:PORT (for example \(example)), got '\(text)'")
        }
        return (String(hostPart), port)
    }

    /// The inclusive range of `--user-range`.
    func parsedUserRange() throws -> ClosedRange<Int>? {
        guard let userRange else { return nil }
        // a single number is a range of one, as in a profile's users.range
        if let single = Int(userRange.trimmingCharacters(in: .whitespaces)), single >= 0 { return single...single }
        let parts = userRange.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low >= 0, low <= high else {
            throw ValidationError("--user-range must be A-B with A <= B (for example 1-200), got '\(userRange)'")
        }
        return low...high
    }
}
