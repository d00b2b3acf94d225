import Foundation
import NIOCore

/// The metrics endpoint could not listen where it was asked to; printed to the person running the test.
///
/// The run has not started yet when this is thrown, so nothing is lost: the text says what to change.
public struct MetricsServerError: Error, CustomStringConvertible {
    public var address: String
    /// What went wrong, in words (the port is taken, the address is not this machine's...).
    public var reason: String

    public init(address: String, reason: String) {
        self.address = address
        self.reason = reason
    }

    /// Words for the errors a bind gives, instead of NIO's `bind(descriptor:ptr:bytes:)` text.
    init(address: String, cause: Error) {
        self.init(address: address, reason: Self.reason(for: cause))
    }

    public var description: String { "--metrics: cannot listen on \(address): \(reason)" }

    static func reason(for error: Error) -> String {
        if error is SocketAddressError { return "the host name does not resolve; give an address such as 127.0.0.1" }
        guard let io = error as? IOError else { return "\(error)" }
        switch io.errnoCode {
        case EADDRINUSE: return "the port is in use by another process; choose another port with --metrics HOST:PORT"
        case EADDRNOTAVAIL:
            return "the address is not one of this machine's; use 127.0.0.1, 0.0.0.0 or one of its own addresses"
        case EACCES: return "permission denied (ports below 1024 need privileges); choose a port above 1023"
        default: return String(cString: strerror(io.errnoCode))
        }
    }
}
