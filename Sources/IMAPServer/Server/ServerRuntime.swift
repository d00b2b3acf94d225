import NIOConcurrencyHelpers
import NIOSSL

/// What every connection of one server shares: the mail store, the configuration, the stall
/// gate, the TLS context and a counter that numbers connections.
final class ServerRuntime: Sendable {
    let configuration: ServerConfiguration
    let store: MailStore
    let stallGate = StallGate()
    let tlsContext: NIOSSLContext?
    private let connectionCounter = NIOLockedValueBox(0)

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
