import Foundation
import NIOCore

/// A listener that could not be opened, in words: NIO's text
/// ("bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)") names neither the port nor a way out.
public struct ListenError: Error, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var underlying: Error

    public init(host: String, port: Int, underlying: Error) {
        self.host = host
        self.port = port
        self.underlying = underlying
    }

    public var description: String {
        switch (underlying as? IOError)?.errnoCode {
        case EADDRINUSE:
            return "port \(port) is already in use on \(host): another server listens there "
                + "(pick another port, or 0 for a free one)"
        case EACCES:
            return "port \(port) on \(host) needs privileges to listen on (use a port above 1023)"
        case EADDRNOTAVAIL:
            return "cannot listen on \(host):\(port): \(host) is not an address of this machine"
        default:
            return "cannot listen on \(host):\(port): \(underlying)"
        }
    }
}
