import Foundation
import IMAPProtocol
import NIOCore
import NIOPosix
import XCTest

@testable import IMAPClient

/// Where the Dovecot testbed is, from the environment (set by Scripts/test) or the defaults.
enum DovecotTestbed {
    static var host: String { ProcessInfo.processInfo.environment["IMAPBENCH_DOVECOT_HOST"] ?? "127.0.0.1" }
    static var port: Int { Int(ProcessInfo.processInfo.environment["IMAPBENCH_DOVECOT_PORT"] ?? "") ?? 10143 }
    static var tlsPort: Int { Int(ProcessInfo.processInfo.environment["IMAPBENCH_DOVECOT_TLS_PORT"] ?? "") ?? 10993 }
    static var caFile: String {
        ProcessInfo.processInfo.environment["IMAPBENCH_DOVECOT_CA"] ?? "/tmp/imapbench-dovecot/ssl/cert.pem"
    }
    static let password = "pass"

    static func configuration(tls: TLSMode = .none, pipelineDepth: Int = 1) -> ConnectionConfiguration {
        var configuration = ConnectionConfiguration(host: host, port: tls == .implicit ? tlsPort : port)
        configuration.tlsMode = tls
        configuration.caFile = tls == .none ? nil : caFile
        configuration.pipelineDepth = pipelineDepth
        configuration.timeouts.connect = .seconds(3)
        configuration.timeouts.greeting = .seconds(5)
        configuration.timeouts.command = .seconds(10)
        return configuration
    }

    /// Connects, or fails the test with the command that starts Dovecot: these tests never pass silently.
    static func connect(
        _ configuration: ConnectionConfiguration, on eventLoop: EventLoop, file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> IMAPConnection {
        do {
            return try IMAPConnection.connect(configuration, on: eventLoop).wait()
        } catch let error as IMAPConnectionError where error.kind == .connectFailed || error.kind == .connectTimeout {
            XCTFail(
                "Dovecot is not reachable at \(configuration.host):\(configuration.port) (\(error)). "
                    + "Run the tests with Scripts/test, which installs and starts Dovecot first.",
                file: file, line: line)
            throw error
        }
    }

    /// Connects and logs in as `user`, failing the test unless LOGIN says OK.
    static func loggedIn(
        _ user: String, on eventLoop: EventLoop, configuration: ConnectionConfiguration = configuration(),
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> IMAPConnection {
        let connection = try connect(configuration, on: eventLoop, file: file, line: line)
        let record = try connection.login(user: user, password: password, method: .login).wait()
        XCTAssertEqual(record.outcome, .ok, "LOGIN \(user): \(record.text)", file: file, line: line)
        return connection
    }
}

extension IMAPConnection {
    /// Reads connection state on its event loop, as the connection requires.
    func onLoop<Value: Sendable>(_ read: @escaping @Sendable (IMAPConnection) -> Value) throws -> Value {
        try eventLoop.submit { read(self) }.wait()
    }
}

/// A small message for APPEND.
func testMessage(subject: String) -> [UInt8] {
    Array(
        ("From: bench@example.com\r\nTo: user@example.com\r\nSubject: \(subject)\r\n"
            + "Message-ID: <\(UUID().uuidString)@example.com>\r\n\r\nHello from the IMAPClient tests.\r\n").utf8)
}

/// Collects values from a `@Sendable` callback (protocol log, untagged responses).
final class Collector<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value] = []
    func append(_ value: Value) { lock.withLock { storage.append(value) } }
    var values: [Value] { lock.withLock { storage } }
}
