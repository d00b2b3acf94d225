import Foundation
import XCTest

@testable import IMAPServer

/// The listener's accept queue must hold a login storm: with the old 1024, 19,000 sessions
/// connecting at once waited seconds for SYN retries.
final class ListenBacklogTests: ServerTestCase {
    func testDefaultBacklogIsTheLargestListenTakes() {
        XCTAssertEqual(ServerConfiguration().listenBacklog, 65535)
    }

    /// Linux shows a listening socket's backlog as its Send-Q in `ss -ltn`, after clamping it to
    /// `net.core.somaxconn`; the listener must get all the kernel allows.
    func testListenerGetsTheBacklogTheKernelAllows() async throws {
        guard let limitText = try? String(contentsOfFile: "/proc/sys/net/core/somaxconn", encoding: .utf8),
            let limit = Int(limitText.trimmingCharacters(in: .whitespacesAndNewlines)),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/ss")
        else {
            throw XCTSkip("needs Linux's /proc/sys/net/core/somaxconn and /usr/bin/ss")
        }
        guard limit > 1024 else { throw XCTSkip("somaxconn is \(limit): no backlog above 1024 to observe") }
        let server = try await startServer()
        let backlog = try Self.listenBacklog(port: server.port)
        XCTAssertEqual(backlog, min(limit, 65535))
    }

    /// The Send-Q column of `ss -Hltn` for the listener on `port`.
    private static func listenBacklog(port: Int) throws -> Int? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ss")
        process.arguments = ["-Hltn", "sport = :\(port)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // State Recv-Q Send-Q Local-Address:Port Peer-Address:Port
        let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" })
        return fields.count >= 3 ? Int(fields[2]) : nil
    }
}
