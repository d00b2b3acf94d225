import ArgumentParser
import Driver
import Foundation
import IMAPClient
import IMAPServer
import Workload

/// The connection options `probe timeout`, `probe pipeline` and `populate` share with `run`.
struct ProbeTargetOptions: ParsableArguments {
    @Option(help: "The IMAP server as HOST:PORT. Without it the embedded server is started on loopback.")
    var server: String?

    @Option(help: "TLS mode: none, starttls or implicit.")
    var tls: String = "none"

    @Flag(help: "Do not verify the server's certificate.")
    var insecure = false

    @Option(name: .customLong("ca-file"), help: "PEM file of the CA that signed the server's certificate.")
    var caFile: String?

    @Option(help: "User name pattern; %d is replaced by each number of --user-range.")
    var users = "user%d"

    @Option(name: .customLong("user-range"), help: "Numbers for the user pattern, A-B.")
    var userRange = "1-5"

    @Option(name: .customLong("password-file"),
            help: "File whose first line is the password (else $IMAPBENCH_PASSWORD; the embedded server uses 'pass').")
    var passwordFile: String?

    @Option(help: "Login method: login or plain (AUTHENTICATE PLAIN).")
    var login: String = "login"

    /// The credentials named by the pattern and range, with the password from file or environment.
    func credentials(embeddedPassword: String?) throws -> [Credential] {
        guard let range = NumberRange.parse(userRange), range.lower >= 0, range.count >= 1 else {
            throw CLIProbeError("--user-range must be A-B with A <= B, found '\(userRange)'")
        }
        let password = try resolvePassword(embeddedPassword: embeddedPassword)
        return (range.lower...range.upper).map {
            Credential(user: users.replacingOccurrences(of: "%d", with: String($0)), password: password)
        }
    }

    private func resolvePassword(embeddedPassword: String?) throws -> String {
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw CLIProbeError("cannot read --password-file \(passwordFile)")
            }
            return String(text.split(whereSeparator: \.isNewline).first ?? "")
        }
        if let environment = ProcessInfo.processInfo.environment["IMAPBENCH_PASSWORD"] { return environment }
        if let embeddedPassword { return embeddedPassword }
        throw CLIProbeError("no password: give --password-file FILE or set IMAPBENCH_PASSWORD")
    }

    /// The client settings for `host:port`, with TLS as asked.
    func connection(host: String, port: Int) throws -> IMAPClient.ConnectionConfiguration {
        var connection = IMAPClient.ConnectionConfiguration(host: host, port: port)
        guard let mode = IMAPClient.TLSMode(rawValue: tls.lowercased()) else {
            throw CLIProbeError("--tls must be none, starttls or implicit, found '\(tls)'")
        }
        connection.tlsMode = mode
        connection.verifyCertificates = !insecure
        connection.caFile = caFile
        return connection
    }

    var loginMethod: IMAPClient.LoginMethod {
        get throws {
            guard let method = IMAPClient.LoginMethod(rawValue: login.lowercased()) else {
                throw CLIProbeError("--login must be login or plain, found '\(login)'")
            }
            return method
        }
    }

    /// Connects to --server, or starts the embedded server configured by `embedded`.
    func resolve(embedded: (inout ServerConfiguration) throws -> Void = { _ in }) async throws -> ProbeTarget {
        if let server {
            let parts = server.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 2, let port = Int(parts.last ?? ""), (1...65_535).contains(port) else {
                throw CLIProbeError("--server must be HOST:PORT, found '\(server)'")
            }
            let host = parts.dropLast().joined(separator: ":").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return ProbeTarget(connection: try connection(host: host, port: port), credentials: try credentials(embeddedPassword: nil),
                               loginMethod: try loginMethod, server: nil)
        }
        var configuration = ServerConfiguration()
        if tls.lowercased() == "implicit" { configuration.tlsPort = 0 }
        try embedded(&configuration)
        let credentials = try credentials(embeddedPassword: configuration.password)
        if let range = NumberRange.parse(userRange) { configuration.users = max(configuration.users, range.upper) }
        let running = try await EmbeddedIMAPServer.start(configuration)
        var connection = try connection(host: configuration.host, port: running.port)
        if connection.tlsMode == .implicit, let tlsPort = running.tlsPort { connection.port = tlsPort }
        if connection.tlsMode != .none, caFile == nil { connection.caFile = running.certificatePath }
        FileHandle.standardError.write(Data("[probe] embedded IMAP server on \(configuration.host):\(connection.port)\n".utf8))
        return ProbeTarget(connection: connection, credentials: credentials, loginMethod: try loginMethod, server: running)
    }
}

/// A server to probe: how to connect and log in, and the embedded server to stop afterwards.
struct ProbeTarget {
    var connection: IMAPClient.ConnectionConfiguration
    var credentials: [Credential]
    var loginMethod: IMAPClient.LoginMethod
    var server: EmbeddedIMAPServer?

    func stop() async {
        try? await server?.stop()
    }
}

/// A command-line mistake or failure in the probe commands, printed as `error: ...`.
struct CLIProbeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Parses `30s`, `5m`, `500ms` into seconds for the probe options.
func probeSeconds(_ text: String, option: String) throws -> Double {
    do {
        return try DurationParser.parse(text).secondsValue
    } catch {
        throw CLIProbeError("\(option): \(error)")
    }
}

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
