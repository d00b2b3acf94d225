import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import IMAPServer

/// The server's side of each connection must get TCP_NODELAY (answers are small and must not wait
/// for Nagle's timer). `.socketOption(.tcp_nodelay)` once set option 1 at the SOL_SOCKET level,
/// which is SO_DEBUG: it did nothing useful for root, and for any other user (a container's
/// non-root user, the static binary's empty-root check) setsockopt failed with EPERM and the
/// server closed every connection before its greeting.
final class AcceptedSocketOptionsTests: ServerTestCase {
    func testAcceptedConnectionHasNoDelayAndNotSocketDebugging() async throws {
        let server = try await startServer()
        let connection = try TestIMAPConnection(port: server.port)
        let greeting = try connection.readLine()
        XCTAssertTrue(greeting.hasPrefix("* OK"), greeting)
        let accepted = try XCTUnwrap(Self.acceptedSocket(localPort: server.port), "the server's side of the connection")
        XCTAssertEqual(Self.option(accepted, level: Int32(IPPROTO_TCP), name: TCP_NODELAY), 1, "TCP_NODELAY")
        XCTAssertEqual(Self.option(accepted, level: SOL_SOCKET, name: SO_DEBUG), 0, "SO_DEBUG")
    }

    /// This process's connected socket (not the listener) whose local port is `localPort`.
    private static func acceptedSocket(localPort: Int) -> Int32? {
        (0..<Int32(4096)).first { descriptor in
            var local = sockaddr_in()
            var peer = sockaddr_in()
            return address(of: descriptor, into: &local, getsockname) && local.sin_family == sa_family_t(AF_INET)
                && Int(UInt16(bigEndian: local.sin_port)) == localPort
                && address(of: descriptor, into: &peer, getpeername)
        }
    }

    private static func address(
        of descriptor: Int32, into address: inout sockaddr_in,
        _ call: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) -> Bool {
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { call(descriptor, $0, &length) == 0 }
        }
    }

    private static func option(_ descriptor: Int32, level: Int32, name: Int32) -> Int32? {
        var value: Int32 = -1
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, level, name, &value, &length) == 0 ? value : nil
    }
}
