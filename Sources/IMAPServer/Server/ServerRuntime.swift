import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// What every connection of one server shares: the mail store, the configuration, the stall
/// gate, the TLS context and a counter that numbers connections.
final class ServerRuntime: Sendable {
    let configuration: ServerConfiguration
    let store: MailStore
    let stallGate = StallGate()
    let tlsContext: NIOSSLContext?
    private let connectionCounter = NIOLockedValueBox(0)
    let delayLateness = DelayLatenessLog()
    /// Open connections, so `stop()` can close them when the loops are lent and stay up.
    private let connections = NIOLockedValueBox<[ObjectIdentifier: Channel]>([:])

    func track(_ channel: Channel) {
        connections.withLockedValue { $0[ObjectIdentifier(channel)] = channel }
        channel.closeFuture.whenComplete { [connections] _ in
            _ = connections.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(channel)) }
        }
    }

    func openConnections() -> [Channel] {
        connections.withLockedValue { Array($0.values) }
    }

    init(configuration: ServerConfiguration, tlsContext: NIOSSLContext?) {
        self.configuration = configuration
        self.tlsContext = tlsContext
        store = MailStore(configuration: configuration)
    }

    func nextConnectionNumber() -> Int {
        connectionCounter.withLockedValue { value in
            value += 1
            return value
        }
    }
}
