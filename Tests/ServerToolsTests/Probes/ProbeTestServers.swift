import Driver
import Foundation
import IMAPClient
import IMAPServer
import NIOCore
import NIOPosix
import XCTest

@testable import ServerTools

/// Servers the probe and populate tests run against: the embedded one, started per test, and
/// the Dovecot that `Scripts/test` starts (users user180..user200 are reserved for these tests).
enum ProbeTestServers {
    /// Starts the embedded server; the caller stops it.
    static func embedded(_ configure: (inout ServerConfiguration) throws -> Void) async throws -> EmbeddedIMAPServer {
        var configuration = ServerConfiguration()
        configuration.users = 10
        configuration.messagesPerMailbox = 5
        configuration.threads = 1
        try configure(&configuration)
        return try await EmbeddedIMAPServer.start(configuration)
    }

    static func embeddedConnection(_ server: EmbeddedIMAPServer) -> ConnectionConfiguration {
        ConnectionConfiguration(host: "127.0.0.1", port: server.port)
    }

    static let embeddedUsers = (1...5).map { Credential(user: "user\($0)", password: "pass") }

    /// Dovecot's address from IMAPBENCH_DOVECOT_HOST/PORT (default 127.0.0.1:10143).
    static var dovecotConnection: ConnectionConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let host = environment["IMAPBENCH_DOVECOT_HOST"] ?? "127.0.0.1"
        let port = environment["IMAPBENCH_DOVECOT_PORT"].flatMap(Int.init) ?? 10143
        var connection = ConnectionConfiguration(host: host, port: port)
        connection.timeouts.connect = .seconds(3)
        connection.timeouts.greeting = .seconds(3)
        return connection
    }

    static func dovecotUsers(_ range: ClosedRange<Int>) -> [Credential] {
        range.map { Credential(user: "user\($0)", password: "pass") }
    }

    /// Fails the test (never skips it) when Dovecot does not answer, naming the command that starts it.
    static func requireDovecot() async throws {
        let connection = dovecotConnection
        let group = MultiThreadedEventLoopGroup.singleton
        do {
            let session = try await IMAPConnection.connect(connection, on: group.next()).get()
            session.closeAbruptly()
        } catch {
            let message =
                "Dovecot is not reachable at \(connection.host):\(connection.port) (\(error)). "
                + "Run the tests with Scripts/test, which starts the project's Dovecot (Scripts/dovecot.sh)."
            throw DovecotUnavailable(description: message)
        }
    }
}

/// Thrown (never skipped) so that a test needing Dovecot fails with a message naming Scripts/test.
struct DovecotUnavailable: Error, CustomStringConvertible {
    var description: String
}
