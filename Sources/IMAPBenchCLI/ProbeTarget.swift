import ArgumentParser
import Driver
import Foundation
import IMAPClient
import IMAPProtocol
import IMAPServer
import Workload

/// A server to probe or populate: how to connect and log in, and the embedded server to stop
/// afterwards. Built from the `ConnectionOptions` that `run` uses too.
struct ProbeTarget {
    var connection: ConnectionConfiguration
    var credentials: [Credential]
    var loginMethod: LoginMethod = .login
    var server: EmbeddedIMAPServer?

    /// Users when --users / --user-range are not given.
    static let defaultPattern = "user%d"
    static let defaultRange = 1...5

    /// Connects to --server, or starts the embedded server configured by `embedded`. Users come
    /// from `profileUsers` (as in `run`) unless --users, --user-range or --password-file is given.
    static func resolve(
        _ options: ConnectionOptions, profileUsers: UsersConfiguration? = nil,
        embedded: (inout ServerConfiguration) throws -> Void = { _ in }
    ) async throws -> ProbeTarget {
        try options.checkFiles()
        let range =
            try options.parsedUserRange() ?? profileUsers.map { $0.range.lower...$0.range.upper } ?? defaultRange
        let pattern = options.users ?? defaultPattern
        let fromProfile = options.users == nil && options.userRange == nil && options.passwordFile == nil
        if let address = try options.serverAddress() {
            let connection = try makeConnection(options, host: address.host, port: address.port)
            if fromProfile, let profileUsers {
                let source = try UserSource(configuration: profileUsers)
                return ProbeTarget(
                    connection: connection,
                    credentials: source.credentials.map { Credential(user: $0.user, password: $0.password) })
            }
            return ProbeTarget(
                connection: connection, credentials: try credentials(options, pattern, range, embeddedPassword: nil))
        }
        var configuration = ServerConfiguration()
        if options.tls?.lowercased() == "implicit" { configuration.tlsPort = 0 }
        configuration.users = max(configuration.users, range.upperBound)
        try embedded(&configuration)
        let credentials = try credentials(options, pattern, range, embeddedPassword: configuration.password)
        let running = try await EmbeddedIMAPServer.start(configuration)
        var connection = try makeConnection(options, host: configuration.host, port: running.port)
        if connection.tlsMode == .implicit, let tlsPort = running.tlsPort { connection.port = tlsPort }
        if connection.tlsMode != .none, options.caFile == nil { connection.caFile = running.certificatePath }
        printError("[imapbench] embedded IMAP server on \(configuration.host):\(connection.port)")
        return ProbeTarget(connection: connection, credentials: credentials, server: running)
    }

    func stop() async {
        try? await server?.stop()
    }

    private static func makeConnection(
        _ options: ConnectionOptions, host: String, port: Int
    ) throws -> ConnectionConfiguration {
        var connection = ConnectionConfiguration(host: host, port: port)
        let tls = options.tls ?? "none"
        guard let mode = TLSMode(rawValue: tls.lowercased()) else {
            throw CLIError("--tls must be none, starttls or implicit, found '\(tls)'")
        }
        connection.tlsMode = mode
        connection.verifyCertificates = !options.insecure
        connection.caFile = options.caFile
        return connection
    }

    private static func credentials(
        _ options: ConnectionOptions, _ pattern: String, _ range: ClosedRange<Int>,
        embeddedPassword: String?
    ) throws -> [Credential] {
        let password = try resolvePassword(options, embeddedPassword: embeddedPassword)
        return range.map {
            Credential(user: pattern.replacingOccurrences(of: "%d", with: String($0)), password: password)
        }
    }

    private static func resolvePassword(_ options: ConnectionOptions, embeddedPassword: String?) throws -> String {
        if let file = options.passwordFile {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CLIError("cannot read --password-file \(file)")
            }
            return String(text.split(whereSeparator: \.isNewline).first ?? "")
        }
        if let environment = ProcessInfo.processInfo.environment["IMAPBENCH_PASSWORD"] { return environment }
        if let embeddedPassword { return embeddedPassword }
        throw CLIError("no password: give --password-file FILE or set IMAPBENCH_PASSWORD")
    }
}

/// Bad input or a failure outside the command line's syntax (exit 1, unlike `ValidationError`'s 64), printed as `error: ...`.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Parses `30s`, `5m`, `500ms` into seconds for the probe options.
func probeSeconds(_ text: String, option: String) throws -> Double {
    do {
        return try DurationParser.parse(text).secondsValue
    } catch {
        throw CLIError("\(option): \(error)")
    }
}
